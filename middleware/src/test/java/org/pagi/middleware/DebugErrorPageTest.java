package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

/** Debug's error page for uncaught exceptions, and the escaping of everything a client or a handler controls. */
@Timeout(30)
class DebugErrorPageTest {

    private static TestClient client(Debug debug, Application app) {
        return TestClient.builder(debug.wrap(app)).raiseAppExceptions(false).build();
    }

    @Test
    void anUncaughtExceptionIsAnHtmlPageWithTheStackTraceAndThePanel() {
        RecordingLogger log = new RecordingLogger();
        Application app = (scope, receive, send) -> {
            throw new IllegalStateException("broken on purpose");
        };
        TestResponse res = client(DebugTest.dev().logger(log).build(), app).get("/boom")
                .header("accept", "text/html").send();
        String html = res.text();
        assertEquals(500, res.status());
        assertEquals("text/html; charset=utf-8", res.header("content-type").orElseThrow());
        assertEquals(Integer.toString(res.body().length()), res.header("content-length").orElseThrow());
        assertTrue(html.contains("<pre>java.lang.IllegalStateException: broken on purpose"), html);
        assertTrue(html.contains("at org.pagi.middleware.DebugErrorPageTest"), "the stack trace");
        assertTrue(html.indexOf("<div id=\"pagi-debug-panel\">") < html.lastIndexOf("</body>"), "the panel inside");
        assertTrue(html.contains("<tr><th>Status</th><td>500</td></tr>"));
        assertEquals(1, log.lines.size(), "logged once");
        assertEquals(Level.ERROR, log.lines.get(0).level());
        assertTrue(log.lines.get(0).thrown() instanceof IllegalStateException);
    }

    @Test
    void aFailureAfterAHeldStartIsStillAnErrorPage() {
        Application app = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                Headers.of("content-type", "text/html"))).thenCompose(v -> CompletableFuture.supplyAsync(() -> {
                    throw new IllegalArgumentException("after the start");
                }));
        TestResponse res = client(DebugTest.dev().build(), app).get("/").send();
        assertEquals(500, res.status(), "the start never reached the client");
        assertTrue(res.text().contains("IllegalArgumentException: after the start"));
    }

    @Test
    void headOfAFailureHasTheLengthAndNoBody() {
        Application app = (scope, receive, send) -> {
            throw new IllegalStateException("head");
        };
        TestResponse res = client(DebugTest.dev().build(), app).head("/").send();
        assertEquals(500, res.status());
        assertEquals(0, res.body().length());
        assertTrue(Integer.parseInt(res.header("content-length").orElseThrow()) > 1000, "page, trace and panel");
    }

    @Test
    void aFailureOnceTheResponseIsOnTheWireAbortsIt() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Application app = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                        Headers.of("content-type", "text/html")))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("<p>part"))))
                .thenCompose(v -> gate)
                .thenCompose(v -> CompletableFuture.failedFuture(new IllegalStateException("late")));
        try (StreamingResponse res = client(DebugTest.dev().build(), app).get("/").stream()) {
            assertEquals("<p>part", res.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8());
            gate.complete(null);
            TestResponse done = res.readAll();
            assertEquals(200, done.status());
            assertTrue(done.aborted(), "not completed as if whole");
        }
    }

    @Test
    void nothingAClientOrHandlerControlsComesOutUnescaped() {
        Application app = (scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            if (http.path().contains("boom")) {
                throw new IllegalStateException("<script>alert('message')</script>");
            }
            return Response.html("<html><body>ok</body></html>")
                    .withHeader("x-reply", "<script>alert('response')</script>").respond(scope, send);
        };
        TestClient client = client(DebugTest.dev().build(), app);
        String page = client.get("/%3Cscript%3Ealert('path')%3C%2Fscript%3E")
                .query("q", "<script>alert('query')</script>")
                .header("x-evil", "<script>alert('header')</script>").send().text();
        String error = client.get("/boom").header("accept", "text/html").send().text();
        for (String html : new String[] {page, error}) {
            assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
        }
        for (String what : new String[] {"path", "query", "header", "response"}) {
            assertTrue(page.contains("&lt;script&gt;alert(&#39;" + what + "&#39;)&lt;/script&gt;"), what);
        }
        assertTrue(error.contains("IllegalStateException: &lt;script&gt;alert(&#39;message&#39;)"), error);
    }

    @Test
    void thePanelIsAsciiWithNonAsciiAndControlCharactersMadeVisible() {
        Application app = Response.html("<html><body>caf\u00e9</body></html>");
        TestResponse res = client(DebugTest.dev().build(), app).get("/caf%C3%A9").header("x-tab", "a\tb").send();
        String html = res.text();
        assertTrue(html.contains("<tr><th>Path</th><td>/caf&#233;</td></tr>"), html);
        assertTrue(html.contains("<tr><th>x-tab</th><td>a\\x09b</td></tr>"));
        String panel = html.substring(html.indexOf("<!-- pagi debug panel -->"), html.lastIndexOf("</body>"));
        assertTrue(panel.chars().allMatch(c -> c < 0x80), "ASCII, whatever the page's charset");
        assertEquals(Integer.toString(res.body().length()), res.header("content-length").orElseThrow());
    }
}
