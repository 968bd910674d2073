package org.pagi.examples.miniframework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of the mini-framework example sees, over any transport. */
abstract class MiniFrameworkChecks extends ExampleChecks {

    @Test
    void answersTheRoot() {
        assertText(200, "Hello from a web framework built on PAGI!\n", get("/"));
    }

    @Test
    void capturesPathParametersDecoded() {
        assertText(200, "Hello, ada!\n", get("/hello/ada"));
        assertText(200, "Hello, Jürgen!\n", get("/hello/J%C3%BCrgen"));
    }

    @Test
    void answersNoRouteWithNotFound() {
        assertText(404, "Not Found\n", get("/nope"));
        assertText(404, "Not Found\n", get("/hello/a/b"));
        assertText(404, "Not Found\n", serve(new App()).send(ExampleRequest.post("/", Bytes.utf8("x"))));
    }

    @Test
    void refusesABadParameterWithItsMessage() {
        assertText(400, "secs must be a whole number from 0 to 60, got 'soon'\n", get("/slow/soon"));
        assertText(400, "secs must be a whole number from 0 to 60, got '61'\n", get("/slow/61"));
    }

    @Test
    void servesOthersWhileASlowHandlerWaits() throws Exception {
        ExampleClient client = serve(new App());
        CompletableFuture<ExampleResponse> slow = CompletableFuture.supplyAsync(
                () -> client.send(ExampleRequest.get("/slow/2")), task -> Thread.ofVirtual().start(task));
        assertText(200, "Hello, bob!\n", client.send(ExampleRequest.get("/hello/bob")));
        assertFalse(slow.isDone(), "answered while the slow request waits");
        assertText(200, "Waited 2s without blocking another request.\n", slow.get(10, TimeUnit.SECONDS));
    }

    private ExampleResponse get(String path) {
        return serve(new App()).send(ExampleRequest.get(path));
    }

    private static void assertText(int status, String body, ExampleResponse response) {
        assertEquals(status, response.status());
        assertEquals("text/plain; charset=utf-8", response.header("content-type").orElseThrow());
        assertEquals(body, response.text());
        assertEquals(Integer.toString(response.body().length()), response.header("content-length").orElseThrow());
    }
}
