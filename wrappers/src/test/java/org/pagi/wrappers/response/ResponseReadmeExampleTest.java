package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.SetCookie;

/** The two examples of the Responses section of wrappers/README.md, kept identical to it and run. */
@Timeout(20)
class ResponseReadmeExampleTest {

    @Test
    void asyncMode() {
        // --- README example starts
        Application hello = (scope, receive, send) -> Response.text("Hello")
                .withCookie(SetCookie.of("seen", "1"))                 // Path=/; HttpOnly; SameSite=Lax (+ Secure on https)
                .respond(scope, send);

        Application stream = (scope, receive, send) ->
                ResponseWriter.start(scope, send, 200, Headers.of("content-type", "text/plain"), true)
                        .thenCompose(w -> w.write("one\n")              // completes when the server took the bytes
                                .thenCompose(v -> w.write("two\n"))
                                .thenCompose(v -> w.trailers(Headers.of("x-count", "2"))));
        // --- README example ends
        check(hello, stream);
    }

    @Test
    void blockingMode() {
        // --- README example starts
        Application hello = Blocking.app((scope, receive, send) ->
                Response.text("Hello").withCookie(SetCookie.of("seen", "1")).blocking().respond(scope, send));

        Application stream = Blocking.app((scope, receive, send) -> {
            BlockingResponseWriter w = BlockingResponseWriter.start(scope, send, 200,
                    Headers.of("content-type", "text/plain"), true);
            w.write("one\n");
            w.write("two\n");
            w.trailers(Headers.of("x-count", "2"));
        });
        // --- README example ends
        check(hello, stream);
    }

    private static void check(Application hello, Application stream) {
        TestResponse greeting = TestClient.of(hello).get("/").send();
        assertEquals("Hello", greeting.text());
        assertEquals(List.of("seen=1; Path=/; HttpOnly; SameSite=Lax"), greeting.headers().all("set-cookie"));
        TestResponse streamed = TestClient.of(stream).get("/").send();
        assertEquals("one\ntwo\n", streamed.text());
        assertEquals(Headers.of("x-count", "2"), streamed.trailers());
    }
}
