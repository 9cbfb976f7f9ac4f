package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which upstream template a resource URI belongs to decides where the gateway sends a read as the caller: a variable
 * stands for one path segment, everything else is literal, and nothing that merely looks like a template's URI
 * matches it.
 */
class UriTemplateMatchingTest {

    @Test
    void aVariableStandsForOneSegment() {
        assertTrue(GatewayRegistry.matches("postgres://{schema}/{table}", "postgres://public/orders"));
        assertFalse(GatewayRegistry.matches("postgres://{schema}/{table}", "postgres://public/orders/extra"));
        assertFalse(GatewayRegistry.matches("notes://notes/{id}", "notes://notes/a/b"));
        assertFalse(GatewayRegistry.matches("notes://notes/{id}", "notes://notes/"));
    }

    @Test
    void literalPartsAreLiteralNotPatterns() {
        assertTrue(GatewayRegistry.matches("docs://v1.0/{id}", "docs://v1.0/7"));
        assertFalse(GatewayRegistry.matches("docs://v1.0/{id}", "docs://v1x0/7"), "'.' is a dot, not any character");
        assertFalse(GatewayRegistry.matches("calc://a+b/{id}", "calc://aab/7"));
        assertTrue(GatewayRegistry.matches("calc://a+b/{id}", "calc://a+b/7"));
        assertFalse(GatewayRegistry.matches("q://(x)/{id}", "q://x/7"));
        assertTrue(GatewayRegistry.matches("q://(x)/{id}", "q://(x)/7"));
    }

    @Test
    void aLookalikePrefixDoesNotMatch() {
        assertFalse(GatewayRegistry.matches("file:///data/{name}", "file:///data-evil/x"));
        assertFalse(GatewayRegistry.matches("file:///data/{name}", "file:///DATA/x"));
        assertFalse(GatewayRegistry.matches("file:///data/{name}", "xfile:///data/x"));
        assertFalse(GatewayRegistry.matches("file:///data/{name}.csv", "file:///data/x.csv.exe"));
        assertTrue(GatewayRegistry.matches("file:///data/{name}.csv", "file:///data/x.csv"));
    }

    @Test
    void aPercentEncodedSlashStaysInItsVariable() {
        assertTrue(GatewayRegistry.matches("notes://notes/{id}", "notes://notes/a%2Fb"));
        assertFalse(GatewayRegistry.matches("notes://notes/{id}/raw", "notes://notes/a%2Fb"));
    }

    @Test
    void aTemplateWithoutVariablesMatchesOnlyItself() {
        assertTrue(GatewayRegistry.matches("docs://readme", "docs://readme"));
        assertFalse(GatewayRegistry.matches("docs://readme", "docs://readme2"));
        assertFalse(GatewayRegistry.matches("", "docs://readme"));
    }
}
