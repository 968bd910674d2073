package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogEscapeTest {

    @Test
    void quotesAndBackslashesAreBackslashed() {
        assertEquals("/a\\\"b\\\\c", LogEscape.escape("/a\"b\\c"));
    }

    @Test
    void lineBreaksAreEscapedSoALineCannotBeForged() {
        assertEquals("x\\r\\n127.0.0.1 - - forged", LogEscape.escape("x\r\n127.0.0.1 - - forged"));
    }

    @Test
    void otherControlBytesAndNonAsciiBecomeHex() {
        assertEquals("\\x00\\x1b\\x7f\\xe9\\t\\b\\v", LogEscape.escape("\u0000\u001b\u007f\u00e9\t\b\u000b"));
    }

    @Test
    void charactersAboveLatin1AreEscapedByteByByteInUtf8() {
        assertEquals("\\xe2\\x82\\xac", LogEscape.escape("\u20ac"));
        assertEquals("\\xe2\\x80\\xa8", LogEscape.escape("\u2028"), "a Unicode line separator cannot split a line");
        assertEquals("\\xf0\\x9f\\x98\\x80", LogEscape.escape("\ud83d\ude00"), "a surrogate pair is one character");
    }

    @Test
    void appendsToWhatIsThere() {
        StringBuilder out = new StringBuilder("ua=");
        LogEscape.escape(out, "a b~");
        assertEquals("ua=a b~", out.toString());
    }
}
