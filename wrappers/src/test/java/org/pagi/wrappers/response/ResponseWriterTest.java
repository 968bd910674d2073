package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.wrappers.response.Mode.close;
import static org.pagi.wrappers.response.Mode.failures;
import static org.pagi.wrappers.response.Mode.flush;
import static org.pagi.wrappers.response.Mode.recorded;
import static org.pagi.wrappers.response.Mode.trailers;
import static org.pagi.wrappers.response.Mode.write;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;

@Timeout(20)
class ResponseWriterTest {

    private static final Headers TEXT = Headers.of("content-type", "text/plain; charset=utf-8");

    @ParameterizedTest
    @EnumSource(Mode.class)
    void writesArriveInOrderAsSeparatePieces(Mode mode) {
        List<String> failures = failures();
        TestResponse r = TestClient.of(mode.write(200, TEXT, false, failures,
                write("one "), write("twö"), close())).get("/").send();
        assertEquals(200, r.status());
        assertEquals(List.of(Bytes.utf8("one "), Bytes.utf8("twö")), r.chunks());
        assertEquals("one twö", r.text());
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void writeBytesSendsThemUnchanged(Mode mode) {
        Bytes raw = Bytes.of(new byte[] {0, (byte) 0xff, 10});
        Mode.Step bytes = Mode.Step.of(w -> w.write(raw), w -> w.write(raw));
        TestResponse r = TestClient.of(mode.write(200, Headers.empty(), false, failures(), bytes, close()))
                .get("/").send();
        assertEquals(raw, r.body());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPieceIsSeenBeforeTheResponseEnds(Mode mode) throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Mode.Step waitGate = Mode.Step.of(w -> gate, w -> Blocking.await(gate));
        try (StreamingResponse stream = TestClient.of(mode.write(200, TEXT, false, failures(),
                write("early"), waitGate, write("late"), close())).get("/").stream()) {
            assertEquals(Optional.of(Bytes.utf8("early")), stream.nextChunk());
            assertFalse(stream.isComplete());
            gate.complete(null);
            assertEquals("late", stream.readAll().chunks().getLast().utf8());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void flushSendsFullflushOnlyWhenTheScopeOffersIt(Mode mode) {
        List<String> kinds = Collections.synchronizedList(new ArrayList<>());
        Application app = recorded(mode.write(200, TEXT, false, failures(), write("a"), flush(), close()), kinds);
        TestClient.of(app).get("/").send();
        assertEquals(List.of("http.response.start", "http.response.body", "http.fullflush",
                "http.response.body last"), kinds);

        kinds.clear();
        TestClient.builder(app).extensions(Extensions.none()).build().get("/").send();   // flush completes at once
        assertEquals(List.of("http.response.start", "http.response.body", "http.response.body last"), kinds);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void declaredTrailersEndTheResponse(Mode mode) {
        List<String> failures = failures();
        TestResponse r = TestClient.of(mode.write(200, TEXT, true, failures,
                write("body"), trailers(Headers.of("x-checksum", "abc")), write("more").failing(),
                close())).get("/").send();
        assertEquals("body", r.text());
        assertEquals(Headers.of("x-checksum", "abc"), r.trailers());
        assertEquals(List.of("response already closed"), failures);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeWithDeclaredTrailersSendsEmptyOnes(Mode mode) {
        List<String> kinds = Collections.synchronizedList(new ArrayList<>());
        TestResponse r = TestClient.of(recorded(mode.write(200, TEXT, true, failures(), write("x"), close()),
                kinds)).get("/").send();
        assertEquals("x", r.text());
        assertEquals(List.of("http.response.start", "http.response.body", "http.response.body last",
                "http.response.trailers"), kinds);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void trailersWithoutDeclaringThemAreRefused(Mode mode) {
        List<String> failures = failures();
        TestResponse r = TestClient.of(mode.write(200, TEXT, false, failures,
                write("x"), trailers(Headers.of("x-a", "1")).failing(), close())).get("/").send();
        assertEquals("x", r.text());
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).startsWith("trailers were not declared"), failures.get(0));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeIsIdempotentAndWritesAfterItFail(Mode mode) {
        List<String> failures = failures();
        List<String> kinds = Collections.synchronizedList(new ArrayList<>());
        TestClient.of(recorded(mode.write(200, TEXT, false, failures,
                write("x"), close(), close(), write("y").failing(), flush().failing()), kinds)).get("/").send();
        assertEquals(List.of("http.response.start", "http.response.body", "http.response.body last"), kinds);
        assertEquals(List.of("response already closed", "response already closed"), failures);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSecondStartOrResponseOnTheSameExchangeIsRefused(Mode mode) {
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<String> whole = new CompletableFuture<>();
        Application app = mode == Mode.ASYNC
                ? (scope, receive, send) -> ResponseWriter.start(scope, send, 200, TEXT).thenCompose(w -> {
                    second.complete(messageOf(() -> ResponseWriter.start(scope, send, 200, TEXT)));
                    whole.complete(messageOf(() -> Response.text("x").respond(scope, send)));
                    return w.close();
                })
                : Blocking.app((scope, receive, send) -> {
                    BlockingResponseWriter w = BlockingResponseWriter.start(scope, send, 200, TEXT);
                    second.complete(messageOf(() -> BlockingResponseWriter.start(scope, send, 200, TEXT)));
                    whole.complete(messageOf(() -> Response.text("x").blocking().respond(scope, send)));
                    w.close();
                });
        assertEquals(200, TestClient.of(app).get("/").send().status());
        assertTrue(second.join().startsWith("response already sent"), second.join());
        assertTrue(whole.join().startsWith("response already sent"), whole.join());
    }

    @Test
    void writeCompletesOnlyWhenTheServerTookThePiece() throws Exception {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        CompletableFuture<CompletionStage<Void>> pending = new CompletableFuture<>();
        Application app = (scope, receive, send) -> ResponseWriter.start(scope, slowBody(send, accepted), 200, TEXT)
                .thenCompose(w -> {
                    CompletionStage<Void> write = w.write("slow");
                    pending.complete(write);
                    return write.thenCompose(v -> w.close());
                });
        try (StreamingResponse stream = TestClient.of(app).get("/").stream()) {
            CompletableFuture<Void> write = pending.get(5, TimeUnit.SECONDS).toCompletableFuture();
            assertFalse(write.isDone(), "the server has not taken the piece yet");
            accepted.complete(null);
            write.get(5, TimeUnit.SECONDS);
            assertEquals("slow", stream.readAll().text());
        }
    }

    /** Holds back each body piece until {@code accepted} completes, as a slow transport would. */
    private static org.pagi.spec.Send slowBody(org.pagi.spec.Send send, CompletableFuture<Void> accepted) {
        return event -> event instanceof HttpResponseBody b && b.more()
                ? accepted.thenCompose(v -> send.send(event))
                : send.send(event);
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
            return "no failure";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Test
    void startRefusesANonHttpScope() {
        TestClient client = TestClient.of((scope, receive, send) -> ResponseWriter.start(scope, send, 200, TEXT)
                .thenCompose(ResponseWriter::close));
        assertThrows(org.pagi.spec.UnsupportedScopeException.class, () -> client.websocket("/ws").connect());
    }
}
