package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

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

    @Test
    void anUpstreamTemplateWithPatternSyntaxOrVariablesSideBySideIsRefused() {
        // The MCP layer compiles a template's literal parts as a pattern: this one would take it minutes per read.
        assertTrue(GatewayRegistry.unsafeTemplate("evil://(a+)+b/{id}").contains("'('"));
        assertTrue(GatewayRegistry.unsafeTemplate("evil://a?a?a?a?aaaa/{id}") != null);
        assertTrue(GatewayRegistry.unsafeTemplate("evil://[a]/{id}") != null);
        assertTrue(GatewayRegistry.unsafeTemplate("evil://x|y/{id}") != null);
        assertTrue(GatewayRegistry.unsafeTemplate("evil://\\Q/{id}") != null);
        assertTrue(GatewayRegistry.unsafeTemplate("evil://x{2,}/{id}").contains("not {name}"));
        assertTrue(GatewayRegistry.unsafeTemplate("evil://{a-b}").contains("not {name}"));
        assertTrue(GatewayRegistry.unsafeTemplate("evil://{a}{b}{c}{d}{e}{f}{g}{h}x").contains("without a '/'"));
        assertTrue(GatewayRegistry.unsafeTemplate("evil://{a}.{b}.{c}").contains("without a '/'"));
        assertTrue(GatewayRegistry.unsafeTemplate("evil://x\n/{id}") != null);
        assertTrue(GatewayRegistry.unsafeTemplate("") != null);
    }

    @Test
    void theConnectorsOwnTemplatesAreAccepted() {
        for (String template : List.of("file:///{path}", "github://{owner}/{repo}/contents/{path}",
                "mongodb://{database}/{collection}", "postgres://{schema}/{table}", "salesforce://sobjects/{name}",
                "docs://v1.0/{id}", "file:///data/{name}.csv", "docs://readme")) {
            assertNull(GatewayRegistry.unsafeTemplate(template), template);
        }
    }

    @Test
    void aVariableOfADeepUriSpansSegmentsButNotAQueryOrFragment() {
        assertTrue(GatewayRegistry.matchesDeep("file:///{path}", "file:///srv/data/a.txt"));
        assertTrue(GatewayRegistry.matchesDeep("github://{owner}/{repo}/contents/{path}",
                "github://o/r/contents/src/main/A.java"));
        assertTrue(GatewayRegistry.matchesDeep("x://{a}/mid/{b}.json", "x://1/2/mid/mid/3.json"));
        assertFalse(GatewayRegistry.matchesDeep("file:///{path}", "file:///srv?x"));
        assertFalse(GatewayRegistry.matchesDeep("file:///{path}", "file:///srv#x"));
        assertFalse(GatewayRegistry.matchesDeep("file:///{path}", "file:///"));
        assertFalse(GatewayRegistry.matchesDeep("x://{a}/{b}", "x:///b"));
        assertFalse(GatewayRegistry.matchesDeep("x://{a}/{b}", "x://a/"));
        assertFalse(GatewayRegistry.matchesDeep("file:///data/{name}", "file:///data-evil/x"));
        assertTrue(GatewayRegistry.matchesDeep("x://{a}?q={b}", "x://p/q?q=1"));
        assertFalse(GatewayRegistry.matchesDeep("x://{a}?q={b}", "x://p?r?q=1"));
        assertTrue(GatewayRegistry.matchesDeep("docs://readme", "docs://readme"));
        assertFalse(GatewayRegistry.matchesDeep("docs://readme", "docs://readme2"));
    }

    @Test
    void aLongUriAgainstATemplateWithManyVariablesIsDecidedWithoutTryingEverySplit() {
        // As a pattern ([^?#]+ per variable) this takes longer than any caller waits: every way of placing nine
        // slashes among four thousand is tried before the missing ".json" is noticed.
        String template = "x://{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}/{j}.json";
        String uri = "x://" + "a/".repeat(4000) + "a";
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertFalse(GatewayRegistry.matchesDeep(template,
                uri)));
        assertTrue(GatewayRegistry.matchesDeep(template, uri + ".json"));
        assertFalse(GatewayRegistry.matchesDeep(template, "x://" + "a".repeat(GatewayRegistry.MAX_URI_LENGTH)
                + "/b/c/d/e/f/g/h/i/j.json"), "longer than any resource URI of the gateway");
        assertFalse(GatewayRegistry.matches("x://{a}", "x://" + "a".repeat(GatewayRegistry.MAX_URI_LENGTH)));
    }
}
