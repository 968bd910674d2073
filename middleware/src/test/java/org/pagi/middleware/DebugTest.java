package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

@Timeout(30)
class DebugTest {

    static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body><p>hi</p></body></html>";

    /** A development build with a clock that moves one millisecond per reading. */
    static Debug.Builder dev() {
        AtomicLong nanos = new AtomicLong();
        return Debug.builder().enabled(true).development(true).logger(new RecordingLogger())
                .nanoClock(() -> nanos.getAndAdd(1_000_000));
    }

    static TestResponse get(Debug debug, Application app, String path) {
        return TestClient.builder(debug.wrap(app)).raiseAppExceptions(false).build().get(path).send();
    }

    @Test
    void enabledIsRefusedOutsideDevelopmentModeByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Debug.builder().enabled(true).build());
        assertTrue(e.getMessage().contains("enabled") && e.getMessage().contains("development(true)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Debug.builder().enabled(true).development(false).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> dev().maskedHeaders("bad name").build())
                .getMessage().contains("maskedHeaders"));
    }

    @Test
    void theDefaultsAreOffAndMaskCredentials() {
        Debug.Config c = Debug.builder().build().config();
        assertFalse(c.enabled());
        assertFalse(c.development());
        assertTrue(c.showHeaders() && c.showScope() && c.showTiming());
        assertEquals(java.util.Set.of("authorization", "cookie", "set-cookie", "proxy-authorization"), c.maskedHeaders());
        assertEquals(Debug.class.getName(), c.logger().getName());
        Application app = Response.html(PAGE);
        assertSame(app, Debug.builder().build().wrap(app), "disabled: the application itself");
        assertSame(app, Debug.builder().development(true).build().wrap(app), "development alone does not enable it");
    }

    @Test
    void thePanelGoesBeforeTheLastBodyCloseAndContentLengthIsCorrected() {
        TestResponse res = get(dev().build(), Response.html(PAGE), "/page?q=1");
        String html = res.text();
        assertEquals(200, res.status());
        assertEquals(Integer.toString(res.body().length()), res.header("content-length").orElseThrow());
        assertTrue(html.startsWith("<!DOCTYPE html><html><head><title>t</title></head><body><p>hi</p>"), html);
        assertTrue(html.endsWith("</div>\n</body></html>"), "inserted before </body>");
        assertTrue(html.contains("<div id=\"pagi-debug-panel\">"));
        assertTrue(html.contains("<tr><th>Method</th><td>GET</td></tr>"));
        assertTrue(html.contains("<tr><th>Path</th><td>/page</td></tr>"));
        assertTrue(html.contains("<tr><th>Query</th><td>q=1</td></tr>"));
        assertTrue(html.contains("<h4>Query parameters</h4><table>\n<tr><th>q</th><td>1</td></tr>"));
        assertTrue(html.contains("<tr><th>Status</th><td>200</td></tr>"));
        int size = PAGE.length();
        assertTrue(html.contains("<tr><th>Size</th><td>" + size + " bytes</td></tr>"), "the application's body");
        assertTrue(html.contains("<tr><th>content-length</th><td>" + size + "</td></tr>"), "headers as sent");
        assertTrue(html.contains("<tr><th>content-type</th><td>text/html; charset=utf-8</td></tr>"));
        assertTrue(html.contains("<h4>Request headers</h4>") && html.contains("<h4>Scope attributes</h4>"));
    }

    @Test
    void aPageWithoutBodyCloseGetsThePanelAppendedAndNoLengthIsInvented() {
        Application app = ScriptedResponse.of(200, Headers.of("content-type", "text/html"), "<p>fragment</p>");
        TestResponse res = get(dev().build(), app, "/");
        assertTrue(res.text().startsWith("<p>fragment</p>\n<!-- pagi debug panel -->"), res.text());
        assertTrue(res.text().endsWith("</details></div>\n"));
        assertTrue(res.header("content-length").isEmpty(), "none was declared: the server frames it");
    }

    @Test
    void timingComesFromTheClock() {
        AtomicLong nanos = new AtomicLong();
        Application app = (scope, receive, send) -> {
            nanos.addAndGet(2_000_000);   // the handler works 2 ms before it starts its response
            return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/html")))
                    .thenRun(() -> nanos.addAndGet(3_000_000))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(PAGE))));
        };
        Debug debug = Debug.builder().enabled(true).development(true).nanoClock(nanos::get).build();
        String html = get(debug, app, "/").text();
        assertTrue(html.contains("<tr><th>To response start</th><td>2.000 ms</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Total</th><td>5.000 ms</td></tr>"));
    }

    @Test
    void theResolvedClientAndSchemeAndTheScopeAttributesAreShown() {
        Debug debug = dev().build();
        ProxyHeaders proxy = ProxyHeaders.builder().trustedProxy("10.0.0.0/8").build();
        Application page = debug.wrap(Response.html(PAGE));
        Application app = proxy.wrap((scope, receive, send) ->
                page.call(((HttpScope) scope).withAttribute("app.user", "ann"), receive, send));
        String html = TestClient.builder(app).clientAddress(Endpoint.of("10.1.2.3", 5555)).build().get("/")
                .header("x-forwarded-for", "203.0.113.9").header("x-forwarded-proto", "https").send().text();
        assertTrue(html.contains("<tr><th>Client</th><td>203.0.113.9"), html);
        assertTrue(html.contains("<tr><th>Scheme</th><td>https</td></tr>"));
        assertTrue(html.contains("<tr><th>app.user</th><td>String: ann</td></tr>"));
    }

    @Test
    void credentialsAreMaskedByDefaultAndTheMaskIsConfigurable() {
        Application app = Response.html(PAGE).withHeader("set-cookie", "sid=server-secret");
        TestClient client = TestClient.builder(dev().build().wrap(app)).build();
        String html = client.get("/").header("authorization", "Bearer auth-secret").header("cookie", "sid=cookie-secret")
                .header("proxy-authorization", "Basic proxy-secret").header("x-api-key", "key-secret").send().text();
        for (String secret : List.of("auth-secret", "cookie-secret", "proxy-secret", "server-secret")) {
            assertFalse(html.contains(secret), secret);
        }
        assertTrue(html.contains("<tr><th>authorization</th><td>[masked]</td></tr>"));
        assertTrue(html.contains("<tr><th>set-cookie</th><td>[masked]</td></tr>"));
        assertTrue(html.contains("key-secret"), "not masked by default");

        String custom = TestClient.of(dev().maskedHeaders("X-Api-Key").build().wrap(app)).get("/")
                .header("x-api-key", "key-secret").header("cookie", "sid=cookie-secret").send().text();
        assertFalse(custom.contains("key-secret"));
        assertTrue(custom.contains("cookie-secret"), "the configured set replaces the default one");
    }

    @Test
    void eachSectionCanBeTurnedOff() {
        String html = get(dev().showHeaders(false).showScope(false).showTiming(false).build(),
                Response.html(PAGE), "/").text();
        assertTrue(html.contains("<h4>Response</h4>"), "status and size always");
        for (String gone : List.of("Timing", "Request", "Scope attributes", "Request headers", "Response headers")) {
            assertFalse(html.contains("<h4>" + gone + "</h4>"), gone);
        }
        String timingOnly = get(dev().showHeaders(false).showScope(false).build(), Response.html(PAGE), "/").text();
        assertTrue(timingOnly.contains("<h4>Timing</h4>") && !timingOnly.contains("<h4>Request</h4>"));
    }

    @Test
    void headGetsNoBodyAndTheLengthOfThePageAGetWouldGet() {
        // Without the request sections the panel is the same for HEAD and GET, so the lengths must agree.
        Debug debug = Debug.builder().enabled(true).development(true).showScope(false).showHeaders(false)
                .nanoClock(() -> 0).build();
        TestClient client = TestClient.of(debug.wrap(Response.html(PAGE)));
        TestResponse getRes = client.get("/").send();
        TestResponse head = client.head("/").send();
        assertEquals(0, head.body().length());
        assertEquals(Integer.toString(getRes.body().length()), head.header("content-length").orElseThrow());
        // An application that answers HEAD itself, with the length and an empty body.
        Application bodiless = ScriptedResponse.of(200, Headers.of("content-type", "text/html",
                "content-length", Integer.toString(PAGE.length())), "");
        TestResponse own = TestClient.of(debug.wrap(bodiless)).head("/").send();
        assertEquals(head.header("content-length"), own.header("content-length"));
        assertEquals(0, own.body().length());
    }

    @Test
    void aStreamedHtmlBodyPassesThroughEventForEventUnbuffered() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<Event> sent = new CopyOnWriteArrayList<>();
        List<Event> received = new CopyOnWriteArrayList<>();
        Application app = (scope, receive, send) -> {
            Event start = new HttpResponseStart(200, Headers.of("content-type", "text/html"));
            Event first = HttpResponseBody.chunk(Bytes.utf8("<html><body>one"));
            Event last = HttpResponseBody.last(Bytes.utf8("two</body></html>"));
            sent.addAll(List.of(start, first, last));
            return send.send(start).thenCompose(v -> send.send(first)).thenCompose(v -> gate)
                    .thenCompose(v -> send.send(last));
        };
        Application wrapped = dev().build().wrap(app);
        Application recorded = (scope, receive, send) -> wrapped.call(scope, receive, e -> {
            received.add(e);
            return send.send(e);
        });
        try (StreamingResponse res = TestClient.of(recorded).get("/").stream()) {
            assertEquals("<html><body>one", res.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8(),
                    "the first piece arrives while the handler still waits");
            gate.complete(null);
            assertEquals("<html><body>onetwo</body></html>", res.readAll().text(), "no panel in a stream");
        }
        assertEquals(sent, received, "the same events, in order");
    }

    @Test
    void compressedNonHtmlAndBodilessResponsesAreLeftAlone() {
        Debug debug = dev().build();
        List<Headers> untouched = List.of(
                Headers.of("content-type", "text/html", "content-encoding", "gzip"),
                Headers.of("content-type", "application/json"),
                Headers.of("content-type", "text/html; charset=utf-16"),
                Headers.of("content-type", "not a type"),
                Headers.of());
        for (Headers headers : untouched) {
            TestResponse res = get(debug, ScriptedResponse.of(200, headers, "<body>x</body>"), "/");
            assertEquals("<body>x</body>", res.body().utf8(), headers.toString());
            assertEquals(headers.first("content-encoding"), res.header("content-encoding"));
        }
        for (int status : new int[] {204, 304}) {
            TestResponse res = get(debug, ScriptedResponse.of(status, Headers.of("content-type", "text/html"), ""), "/");
            assertEquals(status, res.status());
            assertEquals(0, res.body().length());
        }
        TestResponse partial = get(debug, ScriptedResponse.of(206, Headers.of("content-type", "text/html",
                "content-range", "bytes 0-5/100"), "<body>"), "/");
        assertEquals("<body>", partial.text());
    }

    @Test
    void aStartWithoutABodyIsStillDelivered() {
        Application app = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                Headers.of("content-type", "text/html")));
        TestResponse res = get(dev().build(), app, "/");
        assertEquals(200, res.status());
        assertEquals("text/html", res.header("content-type").orElseThrow());
    }

    @Test
    void otherScopeTypesAndEverythingWhenDisabledPassThroughUntouched() {
        PassThrough.untouched(dev().build(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN);
        PassThrough.untouched(dev().build(), PassThrough.Kind.HTTP);   // text/plain in two events
        PassThrough.untouched(Debug.builder().development(true).build(), PassThrough.Kind.values());
    }
}
