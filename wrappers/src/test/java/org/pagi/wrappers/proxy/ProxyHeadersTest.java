package org.pagi.wrappers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Router;

/**
 * Headers through the proxy, on real sockets: hop-by-hop fields stop at the proxy both ways, the forwarding
 * headers name this hop (appended to, or replacing, the chain the client brought), Host is the backend's, and a
 * mounted proxy forwards the path below its mount under the backend's base path.
 */
@Timeout(30)
class ProxyHeadersTest {

    @Test
    void hopByHopRequestFieldsStopAtTheProxy() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        try (ProxyRig rig = ProxyRig.start(Backends.echo(seen), b -> b)) {
            // Written by hand: the JDK client refuses to send Connection and Upgrade itself.
            String response = rawExchange(rig.front.port(), "GET /hop HTTP/1.1\r\n"
                    + "Host: front.test\r\n"
                    + "Connection: close, X-Private\r\n"
                    + "X-Private: secret\r\n"
                    + "Keep-Alive: timeout=5\r\n"
                    + "TE: trailers\r\n"
                    + "Trailer: x-checksum\r\n"
                    + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                    + "Proxy-Connection: keep-alive\r\n"
                    + "Upgrade: example/1\r\n"
                    + "X-Kept: yes\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            Headers h = seen.get();
            for (String gone : List.of("x-private", "keep-alive", "te", "trailer", "proxy-authorization",
                    "proxy-connection", "upgrade")) {
                assertFalse(h.contains(gone), gone + " reached the backend: " + h);
            }
            assertFalse(h.first("connection").orElse("").toLowerCase().contains("x-private"), h.toString());
            assertEquals("yes", h.first("x-kept").orElseThrow());
            assertEquals("127.0.0.1:" + rig.backend.port(), h.first("host").orElseThrow());
            assertEquals("front.test", h.first("x-forwarded-host").orElseThrow());
        }
    }

    @Test
    void hopByHopResponseFieldsStopAtTheProxy() throws Exception {
        // A hand-written backend: PagiServer itself drops Connection and Keep-Alive set by an application.
        try (ServerSocket backend = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = Thread.ofVirtual().start(() -> {
                try (Socket s = backend.accept()) {
                    InputStream in = s.getInputStream();
                    for (int seen = 0; seen < 4; ) { // up to the blank line after the head
                        int b = in.read();
                        if (b < 0) {
                            return;
                        }
                        seen = (b == '\r' || b == '\n') ? seen + 1 : 0;
                    }
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\n"
                            + "Content-Type: text/plain\r\n"
                            + "Content-Length: 2\r\n"
                            + "Connection: X-Hop\r\n"
                            + "X-Hop: private\r\n"
                            + "Keep-Alive: timeout=9\r\n"
                            + "Proxy-Authenticate: Basic realm=\"inner\"\r\n"
                            + "Upgrade: example/1\r\n"
                            + "X-End-To-End: kept\r\n\r\nok").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // the test's assertions say what went wrong
                }
            });
            try (ProxyRig rig = ProxyRig.startTo("http://127.0.0.1:" + backend.getLocalPort(), b -> b)) {
                HttpResponse<String> r = rig.client.send(HttpRequest.newBuilder(rig.url("/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("ok", r.body());
                assertEquals(Optional.of("kept"), r.headers().firstValue("x-end-to-end"));
                for (String gone : List.of("x-hop", "keep-alive", "proxy-authenticate", "upgrade")) {
                    assertEquals(Optional.empty(), r.headers().firstValue(gone), gone + " reached the client");
                }
            } finally {
                answer.join(10_000);
            }
        }
    }

    @Test
    void forwardingHeadersAppendThisHopToTheChainTheClientBrought() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        try (ProxyRig rig = ProxyRig.start(Backends.echo(seen), b -> b)) {
            send(rig, "203.0.113.9");
            Headers h = seen.get();
            String host = "127.0.0.1:" + rig.front.port();
            assertEquals("203.0.113.9, 127.0.0.1", h.first("x-forwarded-for").orElseThrow());
            assertEquals("for=203.0.113.9, for=127.0.0.1;host=\"" + host + "\";proto=http",
                    h.first("forwarded").orElseThrow());
            assertEquals("http", h.first("x-forwarded-proto").orElseThrow());
            assertEquals(host, h.first("x-forwarded-host").orElseThrow());
            assertEquals(1, h.all("x-forwarded-for").size(), "one field, not two: " + h);
        }
    }

    @Test
    void withoutAppendTheChainStartsAtThisClient() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        try (ProxyRig rig = ProxyRig.start(Backends.echo(seen), b -> b.appendForwarded(false))) {
            send(rig, "203.0.113.9");
            assertEquals("127.0.0.1", seen.get().first("x-forwarded-for").orElseThrow());
            assertTrue(seen.get().first("forwarded").orElseThrow().startsWith("for=127.0.0.1;"));
        }
    }

    @Test
    void theClientIsTheOneResolvedInFrontOfTheProxy() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        // Stands in for a ProxyHeaders middleware that resolved the client and scheme from a trusted hop.
        try (ProxyRig rig = ProxyRig.start(Backends.echo(seen), b -> b, proxy -> (scope, receive, send) -> {
            RequestScope rs = (RequestScope) scope;
            return proxy.call(rs.withRequest(rs.request().withSchemeAndClient("https",
                    Optional.of(Endpoint.of("2001:db8::7", 443)))), receive, send);
        })) {
            send(rig, null);
            assertEquals("2001:db8::7", seen.get().first("x-forwarded-for").orElseThrow());
            assertEquals("https", seen.get().first("x-forwarded-proto").orElseThrow());
            assertTrue(seen.get().first("forwarded").orElseThrow().startsWith("for=\"[2001:db8::7]\";"),
                    seen.get().toString());
            assertTrue(seen.get().first("forwarded").orElseThrow().endsWith(";proto=https"));
        }
    }

    @Test
    void aMountedProxyForwardsThePathBelowItsMountUnderTheBackendBasePath() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        try (ProxyRig rig = ProxyRig.start(Backends.echo(seen),
                b -> b.header("x-api-key", "from-proxy"),
                proxy -> Router.builder().mount("/api", proxy).build())) {
            // the backend URL had no base path; a second proxy with one is built from the same backend
            try (Proxy based = Proxy.to("http://127.0.0.1:" + rig.backend.port() + "/v1/").build()) {
                HttpResponse<String> viaRig = rig.client.send(HttpRequest.newBuilder(rig.url("/api/items/a%2Fb?q=1%202"))
                        .header("x-api-key", "from-client").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("GET /items/a%2Fb?q=1%202\n", viaRig.body());
                assertEquals(List.of("from-proxy"), seen.get().all("x-api-key"));
                assertEquals("http://127.0.0.1:" + rig.backend.port() + "/v1/items/a%2Fb?q=1%202",
                        UpstreamRequest.target(based.backend(), scopeFor(rig, "/api/items/a%2Fb?q=1%202")).toString());
            }
        }
    }

    @Test
    void aPathWithDotSegmentsIsRefusedSoNoBackendResolvesItAboveTheBasePath() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        try (ProxyRig rig = ProxyRig.start(Backends.echo(seen), b -> b)) {
            for (String target : List.of("/a/../admin", "/a/%2e%2E/admin", "/a/./b")) {
                String response = rawExchange(rig.front.port(),
                        "GET " + target + " HTTP/1.1\r\nHost: front.test\r\nConnection: close\r\n\r\n");
                assertTrue(response.startsWith("HTTP/1.1 400"), target + " -> " + response);
                assertTrue(response.endsWith("Bad Request: the request cannot be forwarded "
                        + "(a path with a '.' or '..' segment is not forwarded)\n"), response);
            }
            assertEquals(null, seen.get(), "nothing reached the backend");
        }
    }

    /** The scope the mounted proxy saw, rebuilt by running the request through a capturing mount. */
    private static RequestScope scopeFor(ProxyRig rig, String target) throws Exception {
        AtomicReference<RequestScope> captured = new AtomicReference<>();
        Application capture = (scope, receive, send) -> {
            captured.set((RequestScope) scope);
            return send.send(new HttpResponseStart(204, Headers.empty()))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
        };
        try (var server = org.pagi.server.PagiServer.start(Router.builder().mount("/api", capture).build(),
                org.pagi.server.ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false).build())) {
            rig.client.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + target))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        return captured.get();
    }

    private static void send(ProxyRig rig, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(rig.url("/fwd"));
        if (forwardedFor != null) {
            request.header("x-forwarded-for", forwardedFor).header("forwarded", "for=" + forwardedFor);
        }
        HttpResponse<String> r = rig.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Writes {@code request} (which asks for Connection: close) and reads until the server closes. */
    private static String rawExchange(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
