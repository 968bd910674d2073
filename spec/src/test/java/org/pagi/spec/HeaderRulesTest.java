package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

    @Nested
    class TokenChars {
        @Test
        void acceptsExactlyTheRfc9110TcharsAmongAllByteValues() {
            String symbols = "!#$%&'*+-.^_`|~";
            for (int c = 0; c < 256; c++) {
                boolean expected = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || symbols.indexOf(c) >= 0;
                assertEquals(expected, HeaderRules.isTokenChar(c), "char 0x" + Integer.toHexString(c));
            }
        }
    }

    @Nested
    class LowerCasing {
        @Test
        void changesOnlyAsciiUpperCaseLetters() {
            assertEquals("abc-\u00c0z", HeaderRules.toLowerAscii("ABC-\u00c0Z"));
        }

        @Test
        void isNotLocaleSensitive() {
            // A locale-aware toLowerCase turns 'I' into a dotless i under a Turkish default locale; header names
            // must not change so.
            Locale saved = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                assertEquals("if-match", HeaderRules.toLowerAscii("IF-MATCH"));
                assertEquals("if-match", Header.of("IF-MATCH", "x").name());
            } finally {
                Locale.setDefault(saved);
            }
        }
    }
}
