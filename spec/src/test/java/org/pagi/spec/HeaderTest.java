package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderTest {

    @Nested
    class Names {
        @Test
        void lowerCasesTheName() {
            assertEquals("content-type", Header.of("Content-Type", "text/plain").name());
        }

        @Test
        void keepsAnAlreadyLowerCaseName() {
            assertEquals("x-a", Header.of("x-a", "1").name());
        }

        @Test
        void acceptsEveryTokenSymbol() {
            assertEquals("!#$%&'*+-.^_`|~0a", Header.of("!#$%&'*+-.^_`|~0A", "v").name());
        }

        @Test
        void rejectsAnEmptyName() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Header.of("", "v"));
            assertEquals("header name is empty", e.getMessage());
        }

        @Test
        void rejectsAColonNamingTheCharAndIndex() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Header.of("x-bad:", "v"));
            assertTrue(e.getMessage().startsWith("header name has an invalid character 0x3A at index 5"),
                    e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", "a\tb", "a\rb", "a\nb", "a\u0000b", "a\"b", "a(b", "a/b", "a@b", "caf\u00e9"})
        void rejectsNonTokenCharacters(String name) {
            assertThrows(IllegalArgumentException.class, () -> Header.of(name, "v"));
        }
    }

    @Nested
    class Values {
        @Test
        void rejectsCrLfInHeaderValueNamingTheOffset() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Header.of("X-A", "ok\r\nset-cookie: evil"));
            assertEquals("value of header 'x-a' has forbidden byte 0x0D at offset 2 "
                    + "(CR, LF and NUL would split the message)", e.getMessage());
        }

        @Test
        void rejectsABareLfNamingTheOffset() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Header.of("x", "abc\n"));
            assertTrue(e.getMessage().contains("0x0A at offset 3"), e.getMessage());
        }

        @Test
        void rejectsNulNamingTheOffset() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Header("x", Bytes.of(new byte[] {'a', 0})));
            assertTrue(e.getMessage().contains("0x00 at offset 1"), e.getMessage());
        }

        @Test
        void keepsTabsDelAndHighBytesExactly() {
            Bytes value = Bytes.of(new byte[] {'\t', 0x7F, (byte) 0x80, (byte) 0xFF, ' '});
            assertEquals(value, new Header("x", value).value());
        }

        @Test
        void takesStringValuesAsLatin1ByteForByte() {
            Header h = Header.of("x", "caf\u00e9");
            assertEquals(Bytes.of(new byte[] {'c', 'a', 'f', (byte) 0xE9}), h.value());
            assertEquals("caf\u00e9", h.text());
        }

        @Test
        void rejectsStringValuesBeyondLatin1() {
            assertThrows(IllegalArgumentException.class, () -> Header.of("x", "\u20ac"));
        }

        @Test
        void acceptsAnEmptyValue() {
            assertEquals(Bytes.empty(), Header.of("x", "").value());
        }
    }

    @Nested
    class Basics {
        @Test
        void rejectsNulls() {
            assertThrows(NullPointerException.class, () -> new Header(null, Bytes.empty()));
            assertThrows(NullPointerException.class, () -> new Header("x", null));
        }

        @Test
        void comparesByNameAndValueContent() {
            assertEquals(Header.of("X-A", "1"), new Header("x-a", Bytes.ascii("1")));
        }

        @Test
        void printsNameAndEscapedValue() {
            assertEquals("x-a: b\"v\"", Header.of("X-A", "v").toString());
        }
    }
}
