package io.mcpconnectors.common.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoneSurrogatesTest {

    @Test
    void wellFormedPairsAndPlainTextHaveNone() {
        assertEquals(-1, LoneSurrogates.indexIn(""));
        assertEquals(-1, LoneSurrogates.indexIn("SELECT 'caf\u00e9'"));
        assertEquals(-1, LoneSurrogates.indexIn("\ud83d\ude00 and \ud800\udc00"));
    }

    @Test
    void findsTheFirstHalfStandingAlone() {
        assertEquals(2, LoneSurrogates.indexIn("ab\ud800c"));
        assertEquals(3, LoneSurrogates.indexIn("abc\ud800"));
        assertEquals(0, LoneSurrogates.indexIn("\udc00\ud800"));
        // A low half first, then a well-formed pair: the low half is the lone one.
        assertEquals(1, LoneSurrogates.indexIn("x\udc00\ud83d\ude00"));
        // A pair followed by a lone high half.
        assertEquals(2, LoneSurrogates.indexIn("\ud83d\ude00\ud83d"));
    }
}
