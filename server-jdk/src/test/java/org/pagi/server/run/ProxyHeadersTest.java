package org.pagi.server.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.pagi.server.run.TrustedProxiesTest.ip;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestInfo;

class ProxyHeadersTest {
    private static final InetAddress PROXY = ip("10.0.0.1");
    private static final Optional<Endpoint> PEER = Optional.of(Endpoint.of("10.0.0.1", 40000));
    private static final TrustedProxies TRUSTED = TrustedProxies.parse(List.of("10.0.0.0/8", "::1"));

    private static RequestInfo request(String scheme, String... headers) {
        return new RequestInfo("1.1", "GET", scheme, "/", Bytes.ascii("/"), Bytes.empty(), "", Headers.of(headers),
                PEER, Optional.of(Endpoint.of("10.0.0.2", 8000)));
    }

    private static RequestInfo apply(String... headers) {
        return ProxyHeaders.apply(request("http", headers), PROXY, TRUSTED);
    }

    private static Optional<Endpoint> client(String host, int port) {
        return Optional.of(Endpoint.of(host, port));
    }

    @Nested
    class Trust {
        @Test
        void ignoresEveryHeaderFromAnUntrustedPeer() {
            RequestInfo r = request("http", "x-forwarded-for", "203.0.113.7", "x-forwarded-proto", "https",
                    "forwarded", "for=198.51.100.1;proto=https");
            assertSame(r, ProxyHeaders.apply(r, ip("192.0.2.50"), TRUSTED));
        }

        @Test
        void leavesARequestWithoutProxyHeadersAlone() {
            RequestInfo r = request("http", "host", "x");
            assertSame(r, ProxyHeaders.apply(r, PROXY, TRUSTED));
        }

        @Test
        void takesTheRightMostAddressThatIsNotATrustedProxy() {
            RequestInfo r = apply("x-forwarded-for", "1.1.1.1, 203.0.113.7, 10.0.0.9, 10.0.0.8");
            assertEquals(client("203.0.113.7", 0), r.client());
        }

        @Test
        void takesTheLeftMostAddressWhenEveryHopIsTrusted() {
            assertEquals(client("10.0.0.7", 0), apply("x-forwarded-for", "10.0.0.7, 10.0.0.8").client());
        }

        @Test
        void trustsEveryHopWithAStar() {
            RequestInfo r = ProxyHeaders.apply(request("http", "x-forwarded-for", "1.1.1.1, 2.2.2.2"), ip("192.0.2.1"),
                    TrustedProxies.parse(List.of("*")));
            assertEquals(client("1.1.1.1", 0), r.client());
        }

        @Test
        void readsRepeatedHeaderLinesAsOneList() {
            assertEquals(client("203.0.113.7", 0),
                    apply("x-forwarded-for", "1.1.1.1, 203.0.113.7", "x-forwarded-for", "10.0.0.5").client());
        }
    }

    @Nested
    class XForwarded {
        @Test
        void setsSchemeFromProto() {
            RequestInfo r = apply("x-forwarded-for", "203.0.113.7", "x-forwarded-proto", "HTTPS");
            assertEquals("https", r.scheme());
            assertEquals(client("203.0.113.7", 0), r.client());
        }

        @Test
        void setsSchemeEvenWithoutAnAddress() {
            RequestInfo r = apply("x-forwarded-proto", "https");
            assertEquals("https", r.scheme());
            assertEquals(PEER, r.client());
        }

        @Test
        void mapsProtoToWebSocketSchemesForAWebSocketScope() {
            RequestInfo ws = request("ws", "x-forwarded-proto", "https");
            assertEquals("wss", ProxyHeaders.apply(ws, PROXY, TRUSTED).scheme());
            RequestInfo wss = request("wss", "x-forwarded-proto", "http");
            assertEquals("ws", ProxyHeaders.apply(wss, PROXY, TRUSTED).scheme());
            assertEquals("https", apply("x-forwarded-proto", "wss").scheme());
        }

        @Test
        void pairsAProtoListWithTheChosenAddress() {
            RequestInfo r = apply("x-forwarded-for", "203.0.113.7, 10.0.0.9", "x-forwarded-proto", "https, http");
            assertEquals("https", r.scheme());
            assertEquals(client("203.0.113.7", 0), r.client());
        }

        @Test
        void acceptsIpv6AndAddressesWithPorts() {
            assertEquals(client("2001:db8::1", 0), apply("x-forwarded-for", "2001:db8::1").client());
            assertEquals(client("2001:db8::1", 4711), apply("x-forwarded-for", "[2001:db8::1]:4711").client());
            assertEquals(client("192.0.2.1", 8080), apply("x-forwarded-for", "192.0.2.1:8080").client());
        }

        @ParameterizedTest
        @ValueSource(strings = {"unknown", "example.com", "1.2.3", "", "1.2.3.4:99999", "[1.2.3.4]", "::1%lo",
            "1.1.1.1, garbage", "<script>"})
        void keepsTheRealPeerWhenTheChosenEntryIsMalformed(String value) {
            assertEquals(PEER, apply("x-forwarded-for", value).client());
        }

        @Test
        void doesNotLookPastAMalformedEntry() {
            assertEquals(PEER, apply("x-forwarded-for", "203.0.113.7, nonsense, 10.0.0.9").client());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp", "", "https http", "javascript"})
        void ignoresAnUnknownProto(String proto) {
            assertEquals("http", apply("x-forwarded-proto", proto).scheme());
        }
    }

    @Nested
    class Forwarded {
        @Test
        void readsForAndProto() {
            RequestInfo r = apply("forwarded", "for=203.0.113.7;proto=https;by=10.0.0.1");
            assertEquals(client("203.0.113.7", 0), r.client());
            assertEquals("https", r.scheme());
        }

        @Test
        void readsQuotedIpv6WithAPort() {
            assertEquals(client("2001:db8:cafe::17", 4711),
                    apply("forwarded", "For=\"[2001:db8:cafe::17]:4711\"").client());
        }

        @Test
        void readsQuotedIpv4WithAPortAndIgnoresAnObfuscatedPort() {
            assertEquals(client("192.0.2.43", 80), apply("forwarded", "for=\"192.0.2.43:80\"").client());
            assertEquals(client("192.0.2.43", 0), apply("forwarded", "for=\"192.0.2.43:_p1\"").client());
        }

        @Test
        void winsOverXForwarded() {
            RequestInfo r = apply("x-forwarded-for", "198.51.100.1", "x-forwarded-proto", "http",
                    "forwarded", "for=203.0.113.7;proto=https");
            assertEquals(client("203.0.113.7", 0), r.client());
            assertEquals("https", r.scheme());
        }

        @Test
        void walksElementsFromTheRightAndUsesTheChosenElementsProto() {
            RequestInfo r = apply("forwarded", "for=198.51.100.1;proto=http, for=203.0.113.7;proto=https, "
                    + "for=10.0.0.9;proto=http");
            assertEquals(client("203.0.113.7", 0), r.client());
            assertEquals("https", r.scheme());
        }

        @Test
        void keepsThePeerButTakesTheProtoOfAnElementWithUnknownFor() {
            RequestInfo r = apply("forwarded", "for=unknown;proto=https");
            assertEquals(PEER, r.client());
            assertEquals("https", r.scheme());
        }

        @Test
        void readsRepeatedLinesAsOneList() {
            assertEquals(client("203.0.113.7", 0),
                    apply("forwarded", "for=203.0.113.7", "forwarded", "for=10.0.0.3").client());
        }

        @Test
        void toleratesWhitespaceAndEmptyElements() {
            assertEquals(client("203.0.113.7", 0), apply("forwarded", " , for=203.0.113.7 ; proto=https ,").client());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "for=[2001:db8::1]",            // brackets must be quoted
            "for=203.0.113.7;for=1.1.1.1",  // repeated parameter
            "for=\"203.0.113.7",            // unclosed quote
            "for",                          // no value
            "=1.2.3.4",                     // no name
            "for=1.2.3.4 proto=https",      // missing separator
            "for=_hidden",                  // obfuscated node
            "for=\"[1.2.3.4]\"",            // brackets around IPv4
        })
        void ignoresAMalformedElement(String value) {
            RequestInfo r = apply("forwarded", value);
            assertEquals(PEER, r.client());
            assertEquals("http", r.scheme());
        }

        @Test
        void aClientsUnclosedQuoteCannotHideTheProxysElementButChangesNothing() {
            // The client sent `for="x`; the proxy appended its own element, which the open quote swallows.
            assertEquals(PEER, apply("forwarded", "for=\"x, for=203.0.113.7").client());
        }

        @Test
        void stopsAtAMalformedElement() {
            assertEquals(PEER, apply("forwarded", "for=203.0.113.7, for=\"bad, for=10.0.0.9").client());
            assertEquals(PEER, apply("forwarded", "for=203.0.113.7, for=a=b, for=10.0.0.9").client());
        }

        @Test
        void unquotesEscapedCharacters() {
            assertEquals(client("203.0.113.7", 0), apply("forwarded", "for=\"203.0.113\\.7\"").client());
        }
    }
}
