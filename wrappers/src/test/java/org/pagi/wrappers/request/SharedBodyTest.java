package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.request.Probe.Mode;
import org.pagi.wrappers.routing.Middleware;

/**
 * A middleware that read the body leaves it readable for the handler it calls with the same scope and receive
 * (Starlette issue 495 is the failure this guards against: the handler waited forever on a drained receive).
 */
@Timeout(30)
class SharedBodyTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<String> seenByMiddleware = new CopyOnWriteArrayList<>();

    private Middleware readingMiddleware(Mode mode) {
        if (mode == Mode.ASYNC) {
            return next -> (scope, receive, send) -> Request.of((HttpScope) scope, receive).body()
                    .thenCompose(b -> {
                        seenByMiddleware.add(b.utf8());
                        return next.call(scope, receive, send);
                    });
        }
        return next -> Blocking.app((scope, receive, send) -> {
            seenByMiddleware.add(Request.of((HttpScope) scope, receive).blocking().body().utf8());
            Blocking.await(next.call(scope, receive, send));
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theHandlerReadsTheBodyAMiddlewareAlreadyRead(Mode mode) {
        Probe probe = new Probe(Request::text, r -> r.blocking().text());
        Application app = readingMiddleware(mode).wrap(probe.app(mode, failures));
        String text = TestClient.of(app).post("/").bodyChunks(List.of(Bytes.utf8("he"), Bytes.utf8("llo")))
                .header("content-type", "text/plain").send().text();
        assertEquals("hello", text);
        assertEquals(List.of("hello"), seenByMiddleware);
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMultipartFormReadByAMiddlewareIsTheHandlersToo(Mode mode) {
        Middleware formReader = next -> (scope, receive, send) -> Request.of((HttpScope) scope, receive).multipart()
                .thenCompose(form -> {
                    seenByMiddleware.add(form.field("a").orElseThrow());
                    return next.call(scope, receive, send);
                });
        Probe probe = new Probe(r -> r.multipart().thenApply(f -> f.file("f").orElseThrow().bytes().utf8()),
                r -> r.blocking().multipart().file("f").orElseThrow().bytes().utf8());
        Multipart body = Multipart.builder().field("a", "1").file("f", "f.txt", Bytes.utf8("content")).build();
        String text = TestClient.of(formReader.wrap(probe.app(mode, failures))).post("/").multipart(body).send()
                .text();
        assertEquals("content", text);
        assertEquals(List.of("1"), seenByMiddleware);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBodyStreamedByAMiddlewareFailsAtOnceInTheHandler(Mode mode) {
        Middleware streamer = next -> (scope, receive, send) -> {
            BodyChunks chunks = Request.of((HttpScope) scope, receive).chunks();
            return chunks.next().thenCompose(c -> next.call(scope, receive, send));
        };
        Probe probe = new Probe(r -> r.body().thenApply(Bytes::utf8), r -> r.blocking().body().utf8());
        String text = TestClient.of(streamer.wrap(probe.app(mode, failures))).post("/").text("abc").send().text();
        assertTrue(text.contains("already consumed as a stream"), text);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0) instanceof IllegalStateException, failures.toString());
    }
}
