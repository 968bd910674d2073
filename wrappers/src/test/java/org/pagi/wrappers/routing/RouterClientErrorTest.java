package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.ClientError;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.response.ResponseWriter;

/**
 * A route handler that does not catch a {@link ClientError} (a body over its limit, bad JSON, a wrong content
 * type, too many query parameters) gets its status from the router, in both handler modes, and only while its
 * response has not started.
 */
class RouterClientErrorTest {

    /** Reads the body as JSON and the query, answering nothing of its own when either fails. */
    private static Router router(boolean blocking) {
        Application json = blocking
                ? Blocking.app((scope, receive, send) -> {
                    Request req = Request.of(scope, receive);
                    Object tree = req.blocking().jsonTree();
                    Response.text("ok " + tree + " " + req.queryParam("q").orElse("-")).blocking().respond(scope, send);
                })
                : (scope, receive, send) -> {
                    Request req = Request.of(scope, receive);
                    return req.jsonTree().thenCompose(tree ->
                            Response.text("ok " + tree + " " + req.queryParam("q").orElse("-")).respond(scope, send));
                };
        Application query = blocking
                ? Blocking.app((scope, receive, send) -> Response.text(Request.of(scope, receive).queryParam("q")
                        .orElse("-")).blocking().respond(scope, send))
                : (scope, receive, send) -> Response.text(Request.of(scope, receive).queryParam("q").orElse("-"))
                        .respond(scope, send);
        return Router.builder()
                .post("/json", json)
                .get("/query", query)
                .get("/started", (scope, receive, send) -> ResponseWriter.start(scope, send, 200,
                                org.pagi.spec.Headers.empty())
                        .thenCompose(w -> w.write("partial"))
                        .thenCompose(v -> CompletableFuture.failedFuture(new Teapot())))
                .get("/bug", (scope, receive, send) -> CompletableFuture.failedFuture(new IllegalStateException("bug")))
                .get("/own", (scope, receive, send) -> {
                    throw new Teapot();
                })
                .build();
    }

    /** An application's own client error. */
    static final class Teapot extends RuntimeException implements ClientError {
        Teapot() {
            super("no coffee here");
        }

        @Override
        public int status() {
            return 418;
        }
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {false, true})
    void anUncaughtClientErrorBecomesItsStatusWithTheMessage(boolean blocking) {
        TestClient client = TestClient.of(router(blocking));

        TestResponse ok = client.post("/json?q=1").json(java.util.Map.of("a", 1)).send();
        assertEquals(200, ok.status(), ok.text());
        assertEquals("ok {a=1} 1", ok.text());

        TestResponse badJson = client.post("/json").body(Bytes.utf8("{\"a\":"), "application/json").send();
        assertEquals(400, badJson.status());
        assertTrue(badJson.text().contains("line 1"), badJson.text());
        assertEquals("text/plain; charset=utf-8", badJson.header("content-type").orElseThrow());

        TestResponse wrongType = client.post("/json").text("a=1").send();
        assertEquals(415, wrongType.status(), wrongType.text());

        TestResponse tooBig = client.post("/json").body(Bytes.utf8("[" + "1,".repeat(600_000) + "1]"),
                "application/json").send();
        assertEquals(413, tooBig.status(), tooBig.text());
        assertTrue(tooBig.text().contains("1048576"), tooBig.text());

        String query = "/query?" + "a=1&".repeat(1000) + "q=2";
        TestResponse tooManyParams = client.get(query).send();
        assertEquals(400, tooManyParams.status(), tooManyParams.text());
        assertTrue(tooManyParams.text().contains("1000"), tooManyParams.text());

        TestResponse headTooMany = client.head(query).send();
        assertEquals(400, headTooMany.status());
        assertEquals("", headTooMany.text(), "HEAD answers carry no body");
    }

    @Test
    void anApplicationsOwnClientErrorCarriesItsStatus() {
        TestResponse own = TestClient.of(router(false)).get("/own").send();
        assertEquals(418, own.status());
        assertEquals("no coffee here", own.text());
    }

    @Test
    void otherFailuresAndFailuresAfterTheResponseStartedAreLeftToTheServer() {
        TestClient client = TestClient.of(router(false));
        IllegalStateException bug = assertThrows(IllegalStateException.class, () -> client.get("/bug").send());
        assertEquals("bug", bug.getMessage(), "not a client error: the failure reaches the test as is");

        TestClient lenient = TestClient.builder(router(false)).raiseAppExceptions(false).build();
        assertEquals(500, lenient.get("/bug").send().status());
        TestResponse started = lenient.get("/started").send();
        assertEquals(200, started.status(), "a started response is not replaced by the error's status");
        assertTrue(started.aborted() || started.text().equals("partial"), started.toString());
    }
}
