package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketDeniedException;

class MaintenanceTest {

    private static TestClient client(Maintenance mw) {
        return TestClient.of(mw.wrap(ProxyHeadersTest.SEEN));
    }

    @Test
    void onItAnswers503WithAPageOrJsonByAccept() {
        Maintenance mw = Maintenance.builder().enabled(true).build();
        TestResponse page = client(mw).get("/").send();
        assertEquals(503, page.status());
        assertTrue(page.header("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(page.text().contains("Down for maintenance"));
        assertFalse(page.headers().contains("retry-after"), "no Retry-After by default, as upstream");
        assertEquals("no-store", page.header("cache-control").orElseThrow());
        TestResponse json = client(mw).get("/").header("accept", "application/json").send();
        assertEquals(503, json.status());
        assertEquals("maintenance", json.json().get("error").asText());
        assertEquals("maintenance", client(mw).get("/").header("accept", "text/html;q=0.5, application/json;q=0.9")
                .send().json().get("error").asText(), "q-values decide");
        TestResponse head = client(mw).head("/").send();
        assertEquals(503, head.status());
        assertEquals("", head.text());
    }

    @Test
    void offByDefaultAndStreamedResponsesPassUnchanged() {
        TestResponse res = TestClient.of(Maintenance.builder().build().wrap(SecurityHeadersTest.streamed())).get("/")
                .send();
        assertEquals(200, res.status());
        assertEquals(List.of("one ", "two"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
        PassThrough.untouched(Maintenance.builder().build(), PassThrough.Kind.values());
    }

    @Test
    void optionsRetryAfterPageMessageAndBypasses() {
        Maintenance mw = Maintenance.builder().enabled(true).retryAfter(Duration.ofMinutes(10)).html("<p>soon</p>")
                .message("back at \"noon\"").bypassClient("10.0.0.0/8").bypassPath("/healthz").build();
        TestResponse page = client(mw).get("/").send();
        assertEquals("600", page.header("retry-after").orElseThrow());
        assertEquals("<p>soon</p>", page.text());
        assertEquals("back at \"noon\"", client(mw).get("/").header("accept", "application/json").send().json()
                .get("message").asText());
        assertEquals(200, client(mw).get("/healthz").send().status());
        assertEquals(503, client(mw).get("/healthzz").send().status());
        TestClient office = TestClient.builder(mw.wrap(ProxyHeadersTest.SEEN)).clientAddress(Endpoint.of("10.9.8.7", 1))
                .build();
        assertEquals(200, office.get("/").send().status());
    }

    @Test
    void theBypassUsesTheClientResolvedByProxyHeaders() {
        Maintenance mw = Maintenance.builder().enabled(true).bypassClient("203.0.113.0/24").build();
        var app = ProxyHeaders.builder().trustedProxy("10.0.0.1").build().wrap(mw.wrap(ProxyHeadersTest.SEEN));
        TestClient viaProxy = TestClient.builder(app).clientAddress(Endpoint.of("10.0.0.1", 1)).build();
        assertEquals(200, viaProxy.get("/").header("x-forwarded-for", "203.0.113.5").send().status());
        assertEquals(503, viaProxy.get("/").header("x-forwarded-for", "198.51.100.1").send().status());
        TestClient direct = TestClient.builder(app).clientAddress(Endpoint.of("192.0.2.1", 1)).build();
        assertEquals(503, direct.get("/").header("x-forwarded-for", "203.0.113.5").send().status(),
                "a forged header from an untrusted peer does not bypass");
    }

    @Test
    void toggledAtRunTimeByAFlagOrAFile(@TempDir Path dir) throws Exception {
        AtomicBoolean flag = new AtomicBoolean();
        TestClient byFlag = client(Maintenance.builder().when(flag::get).build());
        assertEquals(200, byFlag.get("/").send().status());
        flag.set(true);
        assertEquals(503, byFlag.get("/").send().status());
        flag.set(false);
        assertEquals(200, byFlag.get("/").send().status());
        Path file = dir.resolve("maintenance.on");
        TestClient byFile = client(Maintenance.builder().whileFileExists(file).build());
        assertEquals(200, byFile.get("/").send().status());
        Files.writeString(file, "");
        assertEquals(503, byFile.get("/").send().status());
        Files.delete(file);
        assertEquals(200, byFile.get("/").send().status());
    }

    @Test
    void webSocketAndSseAreRefusedAndLifespanPasses() {
        Maintenance mw = Maintenance.builder().enabled(true).build();
        var denied = assertThrows(WebSocketDeniedException.class, () -> client(mw).websocket("/").connect());
        assertEquals(503, denied.status());
        TestClient bare = TestClient.builder(mw.wrap(ProxyHeadersTest.SEEN)).extensions(Extensions.none()).build();
        var closed = assertThrows(WebSocketDeniedException.class, () -> bare.websocket("/").connect());
        assertEquals(403, closed.status(), "without websocket.http.response: a close before accept, 403 on the wire");
        var sse = client(mw).sse("/").open();
        assertTrue(sse.declined());
        assertEquals(503, sse.status());
        PassThrough.untouched(mw, PassThrough.Kind.LIFESPAN);
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        var ra = assertThrows(IllegalArgumentException.class, () -> Maintenance.builder().retryAfter(Duration.ZERO)
                .build());
        assertTrue(ra.getMessage().startsWith("retryAfter"), ra.getMessage());
        var cidr = assertThrows(IllegalArgumentException.class, () -> Maintenance.builder().bypassClient("office"));
        assertTrue(cidr.getMessage().startsWith("bypassClients"), cidr.getMessage());
        var path = assertThrows(IllegalArgumentException.class, () -> Maintenance.builder().bypassPath("x").build());
        assertTrue(path.getMessage().startsWith("bypassPrefixes"), path.getMessage());
    }
}
