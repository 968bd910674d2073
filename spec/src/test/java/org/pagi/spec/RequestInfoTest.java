package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestInfoTest {

    private static RequestInfo info(String version, String method, String scheme) {
        return new RequestInfo(version, method, scheme, "/p", Bytes.ascii("/p"), Bytes.ascii("q=1"), "/root",
                Headers.of("a", "1"), Optional.of(Endpoint.of("10.0.0.1", 5000)), Optional.of(Endpoint.of("::1", 80)));
    }

    @Nested
    class Validation {
        @ParameterizedTest
        @ValueSource(strings = {"1.0", "1.1", "2"})
        void acceptsTheSpecHttpVersions(String version) {
            assertEquals(version, info(version, "GET", "http").httpVersion());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1", "2.0", "3", "HTTP/1.1"})
        void rejectsOtherHttpVersions(String version) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> info(version, "GET", "http"));
            assertTrue(e.getMessage().startsWith("httpVersion must be one of"), e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"http", "https", "ws", "wss"})
        void acceptsTheFourSchemes(String scheme) {
            assertEquals(scheme, info("1.1", "GET", scheme).scheme());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "HTTP", "ftp", "h2"})
        void rejectsOtherSchemes(String scheme) {
            assertThrows(IllegalArgumentException.class, () -> info("1.1", "GET", scheme));
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "PROPFIND", "get", "X-CUSTOM!"})
        void acceptsAnyTokenMethodKeepingItsCase(String method) {
            assertEquals(method, info("1.1", method, "http").method());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "GE T", "GET\r", "G(T"})
        void rejectsMethodsThatAreNotTokens(String method) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> info("1.1", method, "http"));
            assertTrue(e.getMessage().startsWith("method must be an RFC 9110 token"), e.getMessage());
        }

        @Test
        void rejectsNulls() {
            assertThrows(NullPointerException.class, () -> new RequestInfo("1.1", "GET", "http", "/", Bytes.empty(),
                    Bytes.empty(), "", Headers.empty(), null, Optional.empty()));
        }
    }

    @Nested
    class Copies {
        private final RequestInfo base = info("1.1", "GET", "http");

        @Test
        void withPathChangesOnlyThePath() {
            RequestInfo changed = base.withPath("/other");
            assertEquals(new RequestInfo("1.1", "GET", "http", "/other", base.rawPath(), base.queryString(),
                    base.rootPath(), base.headers(), base.client(), base.server()), changed);
        }

        @Test
        void withRootPathChangesOnlyTheRootPath() {
            RequestInfo changed = base.withRootPath("");
            assertEquals(new RequestInfo("1.1", "GET", "http", base.path(), base.rawPath(), base.queryString(), "",
                    base.headers(), base.client(), base.server()), changed);
        }

        @Test
        void withHeadersChangesOnlyTheHeaders() {
            Headers h = Headers.of("b", "2");
            assertEquals(new RequestInfo("1.1", "GET", "http", base.path(), base.rawPath(), base.queryString(),
                    base.rootPath(), h, base.client(), base.server()), base.withHeaders(h));
        }

        @Test
        void withSchemeAndClientChangesBothAndIsValidated() {
            Optional<Endpoint> proxyClient = Optional.of(Endpoint.of("203.0.113.7", 0));
            RequestInfo changed = base.withSchemeAndClient("https", proxyClient);
            assertEquals("https", changed.scheme());
            assertEquals(proxyClient, changed.client());
            assertEquals(base.server(), changed.server());
            assertThrows(IllegalArgumentException.class, () -> base.withSchemeAndClient("gopher", proxyClient));
        }
    }
}
