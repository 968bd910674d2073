package org.pagi.server.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;

class AccessLogFormatTest {
    static final Instant START = Instant.parse("2000-10-10T13:55:36Z");

    static AccessLogEntry entry(String target, int status, long bytes, Headers headers) {
        return new AccessLogEntry(Optional.of(Endpoint.of("127.0.0.1", 51000)), START, "GET", target, "1.1", status,
                bytes, Duration.ofNanos(1_340_000), headers, "http");
    }

    static AccessLogEntry entry() {
        return entry("/apache_pb.gif?x=1", 200, 2326,
                Headers.of("Referer", "http://example.com/start.html", "User-Agent", "Mozilla/4.08"));
    }

    static String format(String format, AccessLogEntry entry) {
        return AccessLogFormat.parse(format).format(entry);
    }

    @Nested
    class Presets {
        @Test
        void commonIsTheNcsaCommonLogFormat() {
            assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 +0000] \"GET /apache_pb.gif?x=1 HTTP/1.1\" 200 2326",
                    format("common", entry()));
        }

        @Test
        void combinedAddsRefererAndUserAgent() {
            assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 +0000] \"GET /apache_pb.gif?x=1 HTTP/1.1\" 200 2326"
                    + " \"http://example.com/start.html\" \"Mozilla/4.08\"", format("combined", entry()));
        }

        @Test
        void combinedWritesADashForAbsentHeaders() {
            assertTrue(format("combined", entry("/", 200, 1, Headers.empty())).endsWith(" \"-\" \"-\""));
        }

        @Test
        void compactIsShortAndReadable() {
            assertEquals("127.0.0.1 GET /apache_pb.gif?x=1 200 2326B 1.3ms", format("compact", entry()));
        }

        @Test
        void compactRoundsTheDurationToATenthOfAMillisecond() {
            AccessLogEntry e = new AccessLogEntry(Optional.empty(), START, "POST", "/", "1.0", 0, 0,
                    Duration.ofMillis(1500), Headers.empty(), "http");
            assertEquals("- POST / - 0B 1500.0ms", format("compact", e));
        }

        @Test
        void commonWritesDashesForNoClientNoStatusAndNoBody() {
            AccessLogEntry e = new AccessLogEntry(Optional.empty(), START, "GET", "/", "1.0", 0, 0, Duration.ZERO,
                    Headers.empty(), "http");
            assertEquals("- - - [10/Oct/2000:13:55:36 +0000] \"GET / HTTP/1.0\" - -", format("common", e));
        }
    }

    @Nested
    class Placeholders {
        @Test
        void splitsTheTargetIntoPathAndQuery() {
            assertEquals("/apache_pb.gif|?x=1", format("%U|%q", entry()));
            assertEquals("/a|", format("%U|%q", entry("/a", 200, 0, Headers.empty())));
        }

        @Test
        void writesMethodProtocolAndScopeType() {
            assertEquals("GET HTTP/1.1 http", format("%m %H %S", entry()));
        }

        @Test
        void writesBytesBothWays() {
            assertEquals("- 0", format("%b %B", entry("/", 204, 0, Headers.empty())));
            assertEquals("2326 2326", format("%b %B", entry()));
        }

        @Test
        void writesDurationsInTheirUnits() {
            AccessLogEntry e = new AccessLogEntry(Optional.empty(), START, "GET", "/", "1.1", 200, 0,
                    Duration.ofMillis(2_345), Headers.empty(), "http");
            assertEquals("2345000 2 2 2345 2345000", format("%D %T %{s}T %{ms}T %{us}T", e));
        }

        @Test
        void readsAnyHeaderInAnyCaseAndJoinsRepeats() {
            Headers h = Headers.of("X-Trace", "a", "x-trace", "b");
            assertEquals("a, b|-", format("%{X-TRACE}i|%{x-missing}i", entry("/", 200, 0, h)));
        }

        @Test
        void writesAPercentForTwoPercents() {
            assertEquals("100% 200", format("100%% %s", entry()));
        }

        @Test
        void acceptsApacheCommonLogFormatAsWritten() {
            assertEquals(format("common", entry()), format("%h %l %u %t \"%r\" %>s %b", entry()));
        }

        @Test
        void keepsLiteralTextAroundPlaceholders() {
            assertEquals("[GET] done", format("[%m] done", entry()));
        }

        @Test
        void writesTheUnixSocketPathAsTheHost() {
            AccessLogEntry e = new AccessLogEntry(Optional.of(Endpoint.unixSocket("/run/app.sock")), START, "GET",
                    "/", "1.1", 200, 0, Duration.ZERO, Headers.empty(), "websocket");
            assertEquals("/run/app.sock websocket", format("%h %S", e));
        }
    }

    @Nested
    class BadFormats {
        @ParameterizedTest
        @ValueSource(strings = {"%x", "%{ms}s", "%{}i", "%{a b}i", "%>m", "%{h}T", "%Z"})
        void rejectsAnUnknownPlaceholderNamingIt(String placeholder) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AccessLogFormat.parse("%h " + placeholder + " %s"));
            assertTrue(e.getMessage().contains("'" + placeholder + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("unknown"), e.getMessage());
        }

        @Test
        void rejectsATrailingPercent() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AccessLogFormat.parse("%h %"));
            assertEquals("access log placeholder '%' at position 3 is incomplete (format: '%h %')", e.getMessage());
        }

        @Test
        void rejectsAnUnclosedBrace() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AccessLogFormat.parse("%{Referer"));
            assertTrue(e.getMessage().contains("no closing '}'"), e.getMessage());
        }
    }

    @Nested
    class Escaping {
        @Test
        void escapesQuotesAndBackslashesInTheTarget() {
            assertEquals("\"GET /a\\\"b\\\\c HTTP/1.1\"", format("\"%r\"", entry("/a\"b\\c", 200, 0, Headers.empty())));
        }

        @Test
        void escapesLineBreaksSoALineCannotBeForged() {
            String forged = "/x HTTP/1.1\" 200 1\r\n127.0.0.1 - - [x] \"GET /admin";
            String line = format("common", entry(forged, 200, 0, Headers.empty()));
            assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 +0000] \"GET /x HTTP/1.1\\\" 200 1\\r\\n127.0.0.1 - - [x]"
                    + " \\\"GET /admin HTTP/1.1\" 200 -", line);
        }

        @Test
        void escapesHeaderValues() {
            Headers h = Headers.of("User-Agent", "evil\" \"x\u00ff");
            assertEquals("\"evil\\\" \\\"x\\xff\"", format("\"%{User-Agent}i\"", entry("/", 200, 0, h)));
        }
    }
}
