package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code Sec-WebSocket-Extensions} grammar of RFC 6455 section 9.1. */
class ExtensionHeaderTest {
    private static ExtensionHeader.Extension ext(String name, ExtensionHeader.Param... params) {
        return new ExtensionHeader.Extension(name, List.of(params), false);
    }

    private static ExtensionHeader.Param param(String name, String value) {
        return new ExtensionHeader.Param(name, value);
    }

    private static final ExtensionHeader.Extension MALFORMED = new ExtensionHeader.Extension("", List.of(), true);

    @Test
    void parsesExtensionsAndTheirParameters() {
        assertEquals(List.of(ext("a", param("x", ""), param("y", "1")), ext("b")), ExtensionHeader.parse("a; x; y=1, b"));
    }

    @Test
    void unescapesQuotedValuesAndIgnoresSeparatorsInsideThem() {
        assertEquals(List.of(ext("a", param("x", "ab"))), ExtensionHeader.parse("a;x=\"a\\b\""));
        assertEquals(List.of(MALFORMED, ext("b")), ExtensionHeader.parse("a; x=\"1,2;3\", b"));
    }

    @Test
    void skipsEmptyElements() {
        assertEquals(List.of(ext("a"), ext("b")), ExtensionHeader.parse(" , a ,, b , "));
        assertEquals(List.of(), ExtensionHeader.parse(""));
    }

    @Test
    void flagsMalformedElementsAndResumesAtTheNextComma() {
        assertEquals(List.of(MALFORMED, MALFORMED, MALFORMED, ext("d")),
                ExtensionHeader.parse("a b, ;c, a; x=\"unterminated, still quoted\" junk, d"));
        assertEquals(List.of(MALFORMED), ExtensionHeader.parse("a; x=\"open"));
    }
}
