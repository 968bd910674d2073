package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;

class RequestTargetTest {

    private static RequestTarget parse(String method, String target) {
        return RequestTarget.parse(method, Bytes.latin1(target));
    }

    private static InvalidRequestException invalid(String method, String target) {
        return assertThrows(InvalidRequestException.class, () -> parse(method, target));
    }

    @Nested
    class OriginForm {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "/|/|''",
                "/a/b|/a/b|''",
                "/a/b?x=1|/a/b|x=1",
                "/?|/|''",
                "/a?b?c|/a|b?c",
                "/a?|/a|''",
                "/%20?q=%20|/%20|q=%20"
        })
        void splitsAtTheFirstQuestionMark(String target, String rawPath, String query) {
            RequestTarget t = parse("GET", target);
            assertEquals(Bytes.ascii(rawPath), t.rawPath());
            assertEquals(Bytes.ascii(query), t.query());
            assertFalse(t.asterisk());
        }
    }

    @Nested
    class AbsoluteForm {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "http://example.com/p?q|/p|q",
                "https://example.com:8443/a/b|/a/b|''",
                "HTTP://Example.COM/x|/x|''",
                "hTtPs://h/|/|''"
        })
        void takesThePathAndQueryAfterTheAuthority(String target, String rawPath, String query) {
            RequestTarget t = parse("GET", target);
            assertEquals(Bytes.ascii(rawPath), t.rawPath());
            assertEquals(Bytes.ascii(query), t.query());
        }

        @Test
        void anEmptyPathMeansSlash() {
            RequestTarget t = parse("GET", "http://example.com");
            assertEquals(Bytes.ascii("/"), t.rawPath());
            assertEquals(Bytes.empty(), t.query());
        }

        @Test
        void anEmptyPathWithAQueryMeansSlashAndKeepsTheQuery() {
            RequestTarget t = parse("GET", "http://example.com?a=1");
            assertEquals(Bytes.ascii("/"), t.rawPath());
            assertEquals(Bytes.ascii("a=1"), t.query());
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://", "https://", "http:///p", "http://?q"})
        void rejectsAnAbsoluteFormWithoutAHost(String target) {
            InvalidRequestException e = invalid("GET", target);
            assertEquals(400, e.status());
            assertEquals("absolute-form request target has no host", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://h/p", "example.com/p", "a", "?q", "http:/h", "*x"})
        void rejectsOtherForms(String target) {
            InvalidRequestException e = invalid("OPTIONS", target);
            assertEquals(400, e.status());
            assertEquals("request target must start with '/', 'http://' or 'https://', or be '*'", e.getMessage());
        }
    }

    @Nested
    class AsteriskForm {
        @Test
        void isAcceptedForOptions() {
            RequestTarget t = parse("OPTIONS", "*");
            assertTrue(t.asterisk());
            assertEquals(Bytes.ascii("*"), t.rawPath());
            assertEquals(Bytes.empty(), t.query());
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "POST", "options"})
        void isRejectedForAnyOtherMethod(String method) {
            InvalidRequestException e = invalid(method, "*");
            assertEquals(400, e.status());
            assertEquals("the '*' target is only valid for OPTIONS", e.getMessage());
        }
    }

    @Nested
    class Rejections {
        @Test
        void connectIsNotImplemented() {
            InvalidRequestException e = invalid("CONNECT", "example.com:443");
            assertEquals(501, e.status());
            assertEquals("CONNECT (authority-form targets) is not supported", e.getMessage());
        }

        @Test
        void anEmptyTargetIsABadRequest() {
            assertEquals("empty request target", invalid("GET", "").getMessage());
        }

        @Test
        void aFragmentIsABadRequestNamingItsOffset() {
            InvalidRequestException e = invalid("GET", "/page#top");
            assertEquals(400, e.status());
            assertEquals("request target has a fragment ('#' at offset 5); fragments are never sent", e.getMessage());
        }

        @Test
        void aSpaceIsABadRequestNamingTheByteAndOffset() {
            InvalidRequestException e = invalid("GET", "/a b");
            assertEquals(400, e.status());
            assertEquals("request target has byte 0x20 at offset 2; only visible ASCII is allowed (RFC 3986)",
                    e.getMessage());
        }

        @ParameterizedTest
        @CsvSource({"233, 0xE9", "127, 0x7F", "0, 0x00", "9, 0x09", "128, 0x80"})
        void nonVisibleOrNonAsciiBytesAreABadRequest(int b, String hex) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> RequestTarget.parse("GET", Bytes.of(new byte[] {'/', 'x', (byte) b})));
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("byte " + hex + " at offset 2"), e.getMessage());
        }

        @Test
        void messagesDoNotEchoTheTarget() {
            InvalidRequestException e = invalid("GET", "/secret-token#frag");
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }

        @Test
        void byteChecksComeBeforeTheConnectCheck() {
            assertEquals(400, invalid("CONNECT", "host:443#x").status());
        }
    }
}
