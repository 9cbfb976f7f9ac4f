package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Whether two upstreams' resource templates (or listed resource URIs) could match one URI, as the MCP layer matches
 * them: a variable is one or more characters other than '/', a '.' in a template's literal part any one character,
 * everything else literal; a resource URI is literal throughout.
 */
class UriOverlapTest {

    private static boolean templates(String one, String other) {
        boolean overlap = UriOverlap.overlap(UriOverlap.Shape.ofTemplate(one), UriOverlap.Shape.ofTemplate(other));
        assertTrue(overlap == UriOverlap.overlap(UriOverlap.Shape.ofTemplate(other), UriOverlap.Shape.ofTemplate(one)),
                "the same either way round: " + one + " / " + other);
        return overlap;
    }

    private static boolean templateAndResource(String template, String uri) {
        return UriOverlap.overlap(UriOverlap.Shape.ofTemplate(template), UriOverlap.Shape.ofResource(uri));
    }

    @Test
    void templatesThatDifferOnlyInTheirVariableNamesOverlap() {
        assertTrue(templates("docs://{id}", "docs://{x}"));
        assertTrue(templates("postgres://{schema}/{table}", "postgres://{a}/{b}"));
    }

    @Test
    void aVariableOverlapsALiteralSegmentWhereverItStands() {
        // Compared up to their first variable these agree, or not at all, neither of which says what they share.
        assertTrue(templates("{scheme}://7", "docs://{id}"), "docs://7 matches both");
        assertTrue(templates("docs://{id}/raw", "docs://readme/{part}"), "docs://readme/raw matches both");
        assertTrue(templates("files://a{b}/x", "files://{c}/x"), "files://ab/x matches both");
        assertTrue(templates("docs://{id}x", "docs://{id}"), "docs://ax matches both");
        assertTrue(templates("docs://{id}.json", "docs://{id}"));
    }

    @Test
    void templatesWithTheSamePrefixButNoCommonUriDoNotOverlap() {
        assertFalse(templates("docs://{id}/json", "docs://{id}/xml"));
        assertFalse(templates("docs://{id}", "docs://{a}/{b}"), "different numbers of segments");
        assertFalse(templates("postgres://{schema}", "postgres://{schema}/{table}"));
        assertFalse(templates("docs://{a}/{b}/{c}", "docs://v1x0/{id}"));
        assertFalse(templates("docs://{id}/x", "docs:///x"), "a variable stands for at least one character");
    }

    @Test
    void lookalikesThatNoUriMatchesBothWaysDoNotOverlap() {
        assertFalse(templates("docs://v1-0/{id}", "docs://v1x0/{id}"));
        assertFalse(templates("docs://{id}", "notes://{id}"), "different schemes");
        assertFalse(templates("file:///data/{name}", "file:///data-evil/{name}"));
        assertFalse(templates("file:///data/{name}", "file:///DATA/{name}"));
    }

    @Test
    void aDotInATemplateStandsForAnyCharacterAsTheMcpLayerReadsIt() {
        // A read of docs://v1x0/7 would find both templates, so one upstream could deny the other's URIs.
        assertTrue(templates("docs://v1.0/{id}", "docs://v1x0/{id}"));
        assertTrue(templates("d.c.://{x}", "docs://{id}"));
        assertTrue(templates("docs://a.b", "docs://a/{id}"), "a '.' matches a '/' too: docs://a/b");
        assertFalse(templates("d.c.://{x}", "dash://{id}"));
    }

    @Test
    void aResourceUriOverlapsATemplateThatMatchesIt() {
        assertTrue(templateAndResource("docs://{id}", "docs://7"));
        assertTrue(templateAndResource("docs://v1.0/{id}", "docs://v1x0/7"));
        assertFalse(templateAndResource("docs://v1x0/{id}", "docs://v1.0/7"), "a resource URI's '.' is a dot");
        assertFalse(templateAndResource("docs://{id}", "docs://a/b"), "a variable does not take a '/'");
        assertFalse(templateAndResource("docs://{id}", "docs://"));
    }

    @Test
    void resourceUrisOverlapOnlyWhenEqual() {
        assertTrue(UriOverlap.overlap(UriOverlap.Shape.ofResource("docs://a.b"),
                UriOverlap.Shape.ofResource("docs://a.b")));
        assertFalse(UriOverlap.overlap(UriOverlap.Shape.ofResource("docs://a.b"),
                UriOverlap.Shape.ofResource("docs://axb")));
        assertFalse(UriOverlap.overlap(UriOverlap.Shape.ofResource("docs://a"),
                UriOverlap.Shape.ofResource("docs://ab")));
    }

    @Test
    void longTemplatesAreComparedToTheEnd() {
        String many = "x://" + "{a}/".repeat(1_500) + "end";
        assertFalse(templates(many, "x://" + "./".repeat(1_500) + "enD"));
        assertTrue(templates(many, "x://" + "./".repeat(1_500) + "e.d"));
        assertFalse(templates(many, "x://" + "./".repeat(1_499) + "end"));
    }

    @Test
    void theConnectorsOwnTemplatesDoNotOverlapOneAnother() {
        List<String> connectors = List.of("file:///{path}", "github://{owner}/{repo}/contents/{path}",
                "mongodb://{database}/{collection}", "postgres://{schema}/{table}", "salesforce://sobjects/{name}");
        for (String one : connectors) {
            for (String other : connectors) {
                assertTrue(one.equals(other) == templates(one, other), one + " / " + other);
            }
        }
    }
}
