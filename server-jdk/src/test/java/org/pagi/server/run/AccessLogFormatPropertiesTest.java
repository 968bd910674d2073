package org.pagi.server.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;

class AccessLogFormatPropertiesTest {
    private static final AccessLogFormat COMBINED = AccessLogFormat.parse("combined");

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    /** Header values are ISO-8859-1 text without CR, LF or NUL: Header refuses those. */
    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.strings().withCharRange('\u0001', '\u00ff').excludeChars('\r', '\n').ofMaxLength(40);
    }

    @Property(tries = 1000)
    void aLineNeverHoldsALineBreakOrControlByte(@ForAll("anyText") String target, @ForAll("anyText") String host,
            @ForAll("headerValues") String userAgent) {
        AccessLogEntry e = new AccessLogEntry(Optional.of(Endpoint.of(host, 1)), AccessLogFormatTest.START, "GET",
                target, "1.1", 200, 10, Duration.ZERO, Headers.of("user-agent", userAgent, "referer", userAgent),
                "http");
        String line = COMBINED.format(e);
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c <= 0x7E), line);
    }

    @Property(tries = 1000)
    void aQuotedFieldAlwaysHasExactlyItsOwnTwoUnescapedQuotes(@ForAll("anyText") String target) {
        AccessLogEntry entry = AccessLogFormatTest.entry(target, 200, 0, Headers.empty());
        String line = AccessLogFormat.parse("\"%r\"").format(entry);
        int unescaped = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '"') {
                unescaped++;
            }
        }
        assertEquals(2, unescaped, line);
    }

    @Property(tries = 300)
    void printableAsciiWithoutQuoteOrBackslashIsWrittenUnchanged(@ForAll("printable") String target) {
        assertEquals(target, AccessLogFormat.parse("%U%q").format(AccessLogFormatTest.entry(target, 200, 0,
                Headers.empty())));
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMaxLength(40);
    }
}
