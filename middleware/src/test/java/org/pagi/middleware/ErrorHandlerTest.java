package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.http.ClientError;
import org.pagi.wrappers.response.Response;

@Timeout(30)
class ErrorHandlerTest {

    private static final String SECRET = "db password <b>hunter2</b> & 'x'";

    static final Application FAILS = (scope, receive, send) -> {
        throw new IllegalStateException(SECRET);
    };

    private static final Application FAILS_LATER = (scope, receive, send) ->
            CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException(SECRET);
            });

    /** An application's own client error. */
    static final class Teapot extends RuntimeException implements ClientError {
        Teapot() {
            super("no <coffee> here");
        }

        @Override
        public int status() {
            return 418;
        }
    }

    private static TestClient client(ErrorHandler handler, Application app) {
        return TestClient.builder(handler.wrap(app)).raiseAppExceptions(false).build();
    }

    @Test
    void aFailureBeforeTheResponseIsA500HtmlPageThatRevealsNothingByDefault() {
        RecordingLogger log = new RecordingLogger();
        var res = client(ErrorHandler.builder().logger(log).build(), FAILS).get("/a%0d%0ab").send();
        assertEquals(500, res.status());
        assertEquals("text/html; charset=utf-8", res.header("content-type").orElseThrow());
        assertEquals(Integer.toString(res.body().length()), res.header("content-length").orElseThrow());
        assertTrue(res.text().contains("<h1>Error 500</h1>") && res.text().contains("Internal Server Error"));
        assertFalse(res.text().contains("hunter2") || res.text().contains("IllegalStateException"),
                "production shows no exception");
        assertEquals(1, log.lines.size(), "logged once");
        RecordingLogger.Line line = log.lines.get(0);
        assertEquals(Level.ERROR, line.level());
        assertEquals("GET /a\\x0d\\x0ab failed; answered 500", line.message(), "method, path, no raw CR/LF");
        assertTrue(line.thrown() instanceof IllegalStateException);
    }

    @Test
    void asynchronousFailuresAreCaughtToo() {
        RecordingLogger log = new RecordingLogger();
        var res = client(ErrorHandler.builder().logger(log).build(), FAILS_LATER).get("/x").send();
        assertEquals(500, res.status());
        assertEquals(1, log.lines.size());
        assertTrue(log.lines.get(0).thrown() instanceof IllegalStateException, "the cause, not its wrapper");
    }

    @Test
    void acceptChoosesJsonOrTextAndTheDefaultTypeIsConfigurable() {
        ErrorHandler handler = ErrorHandler.builder().logger(new RecordingLogger()).build();
        var json = client(handler, FAILS).get("/").header("accept", "application/json").send();
        assertEquals("application/json", json.header("content-type").orElseThrow());
        assertEquals(500, json.json().get("status").asInt());
        assertEquals("Internal Server Error", json.json().get("error").asText());
        assertFalse(json.json().has("stack"));
        var text = client(handler, FAILS).get("/").header("accept", "text/plain, text/html;q=0.5").send();
        assertEquals("Error 500: Internal Server Error", text.text());
        var none = client(handler, FAILS).get("/").header("accept", "image/png").send();
        assertTrue(none.header("content-type").orElseThrow().startsWith("text/html"), "nothing acceptable: default");
        var configured = client(ErrorHandler.builder().contentType("application/json").logger(new RecordingLogger())
                .build(), FAILS).get("/").send();
        assertEquals("application/json", configured.header("content-type").orElseThrow(), "no Accept: default");
    }

    @Test
    void developmentModeShowsTheExceptionEscaped() {
        ErrorHandler dev = ErrorHandler.builder().development(true).logger(new RecordingLogger()).build();
        String html = client(dev, FAILS).get("/").send().text();
        assertTrue(html.contains("IllegalStateException: db password &lt;b&gt;hunter2&lt;/b&gt; &amp; &#39;x&#39;"), html);
        assertFalse(html.contains("<b>hunter2"));
        assertTrue(html.contains("<pre>") && html.contains("at org.pagi.middleware.ErrorHandlerTest"));
        var json = client(dev, FAILS).get("/").header("accept", "application/json").send();
        assertTrue(json.json().get("stack").asText().contains("hunter2"));
    }

    @Test
    void aClientErrorKeepsItsStatusAndMessageEscapedAndIsAWarning() {
        RecordingLogger log = new RecordingLogger();
        var res = client(ErrorHandler.builder().logger(log).build(), (scope, receive, send) -> {
            throw new Teapot();
        }).get("/tea").send();
        assertEquals(418, res.status());
        assertTrue(res.text().contains("no &lt;coffee&gt; here"), res.text());
        assertEquals(Level.WARNING, log.lines.get(0).level());
    }

    @Test
    void theServerFailureStatusIsConfigurable() {
        var res = client(ErrorHandler.builder().status(503).logger(new RecordingLogger()).build(), FAILS)
                .get("/").send();
        assertEquals(503, res.status());
        assertTrue(res.text().contains("Service Unavailable"));
    }

    @Test
    void headGetsTheStatusAndHeadersWithoutABody() {
        var res = client(ErrorHandler.builder().logger(new RecordingLogger()).build(), FAILS).head("/").send();
        assertEquals(500, res.status());
        assertTrue(res.header("content-length").isPresent());
        assertEquals(0, res.body().length());
    }

    @Test
    void aFailureAfterTheResponseStartedIsLoggedAndAbortsTheResponse() {
        RecordingLogger log = new RecordingLogger();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Application app = (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.empty()))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("part"))))
                .thenCompose(v -> gate)
                .thenCompose(v -> {
                    throw new IllegalStateException("late");
                });
        try (StreamingResponse res = client(ErrorHandler.builder().logger(log).build(), app).get("/s").stream()) {
            assertEquals("part", res.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8(), "streamed as it comes");
            gate.complete(null);
            var done = res.readAll();
            assertEquals(200, done.status());
            assertTrue(done.aborted(), "aborted, not completed with an error page");
            assertEquals("part", done.text());
        }
        assertEquals(1, log.lines.size());
        assertTrue(log.lines.get(0).message().contains("after its response started"));
    }

    @Test
    void aSuccessfulResponsePassesThroughAndNothingIsLogged() {
        RecordingLogger log = new RecordingLogger();
        var res = client(ErrorHandler.builder().logger(log).build(),
                (scope, receive, send) -> Response.text("fine").respond(scope, send)).get("/").send();
        assertEquals("fine", res.text());
        assertTrue(log.lines.isEmpty());
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ErrorHandler.builder().status(200).build())
                .getMessage().contains("status"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ErrorHandler.builder().contentType("text/xml").build()).getMessage().contains("contentType"));
    }

    @Test
    void theDefaultsAreProductionSafe() {
        ErrorHandler.Config c = ErrorHandler.builder().build().config();
        assertFalse(c.development());
        assertEquals(500, c.status());
        assertEquals("text/html", c.contentType());
        assertEquals(ErrorHandler.class.getName(), c.logger().getName());
    }

    @Test
    void everyScopePassesThroughUntouchedWhenNothingFails() {
        PassThrough.untouched(ErrorHandler.builder().build(), PassThrough.Kind.values());
    }
}
