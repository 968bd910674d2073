package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpRequest;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.request.Probe.Mode;

@Timeout(30)
class RequestBodyTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private TestResponse post(Mode mode, Probe probe, Bytes body, String contentType) {
        return TestClient.of(probe.app(mode, failures)).post("/").body(body, contentType).send();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bodyAndTextReadTwiceFromTheCache(Mode mode) {
        Probe probe = new Probe(
                r -> r.body().thenCompose(b -> r.text().thenApply(t -> b.length() + ":" + t)),
                r -> r.blocking().body().length() + ":" + r.blocking().text());
        TestResponse res = post(mode, probe, Bytes.utf8("héllo"), "text/plain; charset=utf-8");
        assertEquals("6:héllo", res.text());
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void textUsesTheDeclaredCharsetAndReplacesOrRejectsBadBytes(Mode mode) {
        Probe latin = new Probe(Request::text, r -> r.blocking().text());
        assertEquals("é", post(mode, latin, Bytes.of(new byte[] {(byte) 0xE9}), "text/plain; charset=iso-8859-1")
                .text());
        Bytes bad = Bytes.of(new byte[] {'o', 'k', (byte) 0xFF, 'x'});
        assertEquals("ok\uFFFDx", post(mode, latin, bad, "text/plain").text());
        Probe strict = new Probe(Request::textStrict, r -> r.blocking().textStrict());
        TestResponse res = post(mode, strict, bad, "text/plain");
        assertEquals(400, res.status());
        assertTrue(res.text().contains("byte offset 2"), res.text());
        assertEquals(415, post(mode, latin, bad, "text/plain; charset=no-such-charset").status());
    }

    record Item(String name, int qty) {
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void jsonDecodesOrFailsWith400And415(Mode mode) {
        Probe probe = new Probe(r -> r.json(Item.class).thenApply(Item::toString),
                r -> r.blocking().json(Item.class).toString());
        assertEquals("Item[name=a, qty=2]", post(mode, probe, Bytes.utf8("{\"name\":\"a\",\"qty\":2}"),
                "application/json").text());
        TestResponse bad = post(mode, probe, Bytes.utf8("{\n  \"name\": }"), "application/json");
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("line 2, column"), bad.text());
        assertEquals(415, post(mode, probe, Bytes.utf8("{}"), "text/plain").status());
        Probe tree = new Probe(r -> r.jsonTree().thenApply(String::valueOf), r -> String.valueOf(r.blocking().jsonTree()));
        assertEquals("{a=[1, true]}", post(mode, tree, Bytes.utf8("{\"a\":[1,true]}"), "application/vnd.x+json")
                .text());
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void formParsesUrlEncodedBodiesUnderItsLimits(Mode mode) {
        Probe probe = new Probe(r -> r.form().thenApply(f -> f.asMap().toString()),
                r -> r.blocking().form().asMap().toString());
        TestResponse ok = TestClient.of(probe.app(mode, failures)).post("/").form(Map.of("a b", "x&y")).send();
        assertEquals("{a b=[x&y]}", ok.text());
        assertEquals(415, post(mode, probe, Bytes.utf8("a=1"), "text/plain").status());
        BodyLimits two = BodyLimits.DEFAULTS.withMaxFields(2);
        Probe few = new Probe(r -> r.form(two).thenApply(String::valueOf), r -> String.valueOf(r.blocking().form(two)));
        String form = "application/x-www-form-urlencoded";
        assertEquals(413, post(mode, few, Bytes.utf8("a=1&b=2&c=3"), form).status());
        BodyLimits small = BodyLimits.DEFAULTS.withMaxFieldBytes(3);
        Probe shortFields = new Probe(r -> r.form(small).thenApply(String::valueOf),
                r -> String.valueOf(r.blocking().form(small)));
        TestResponse tooLong = post(mode, shortFields, Bytes.utf8("a=1234"), form);
        assertEquals(413, tooLong.status());
        assertTrue(tooLong.text().contains("'a'"), tooLong.text());
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBodyOverTheLimitFailsWith413AfterAtMostOneChunkPastIt(Mode mode) {
        int chunk = 64 * 1024;
        List<Bytes> pieces = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            pieces.add(Bytes.of(new byte[chunk]));
        }
        AtomicLong delivered = new AtomicLong();
        Probe probe = new Probe(r -> r.body().thenApply(b -> "read " + b.length()),
                r -> "read " + r.blocking().body().length());
        Application inner = probe.app(mode, failures);
        Application counting = (scope, receive, send) -> inner.call(scope, () -> receive.receive().thenApply(e -> {
            if (e instanceof HttpRequest r) {
                delivered.addAndGet(r.body().length());
            }
            return e;
        }), send);
        TestResponse res = TestClient.of(counting).post("/").bodyChunks(pieces).send();
        assertEquals(413, res.status());
        assertTrue(res.text().contains("1048576"), res.text());
        assertTrue(delivered.get() <= (1 << 20) + chunk, "read " + delivered.get() + " bytes");
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDeclaredContentLengthOverTheLimitFailsBeforeAnythingIsReceived(Mode mode) {
        AtomicLong receives = new AtomicLong();
        BodyLimits tiny = BodyLimits.DEFAULTS.withMaxBodyBytes(4);
        Probe probe = new Probe(r -> r.body(tiny).thenApply(Bytes::utf8), r -> r.blocking().body(tiny).utf8());
        Application inner = probe.app(mode, failures);
        Application counting = (scope, receive, send) -> inner.call(scope, () -> {
            receives.incrementAndGet();
            return receive.receive();
        }, send);
        TestResponse res = TestClient.of(counting).post("/").body(Bytes.utf8("12345"), "text/plain").send();
        assertEquals(413, res.status());
        assertTrue(res.text().contains("content-length 5"), res.text());
        assertEquals(0, receives.get());
        assertEquals("1234", TestClient.of(counting).post("/").body(Bytes.utf8("1234"), "text/plain").send().text());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void chunksStreamTheBodyAndABodyReadAfterwardsFails(Mode mode) {
        List<Bytes> pieces = List.of(Bytes.utf8("ab"), Bytes.utf8("cd"), Bytes.utf8("e"));
        Probe probe = new Probe(r -> {
            BodyChunks chunks = r.chunks();
            StringBuilder seen = new StringBuilder();
            return drain(chunks, seen).thenCompose(v -> r.body().handle((b, e) ->
                    seen + " then " + BodyReader.unwrap(e).getMessage()));
        }, r -> {
            BlockingRequest.Chunks chunks = r.blocking().chunks();
            StringBuilder seen = new StringBuilder();
            for (Optional<Bytes> c = chunks.next(); c.isPresent(); c = chunks.next()) {
                seen.append('[').append(c.get().utf8()).append(']');
            }
            try {
                r.blocking().body();
                return seen + " then no failure";
            } catch (IllegalStateException e) {
                return seen + " then " + e.getMessage();
            }
        });
        String text = TestClient.of(probe.app(mode, failures)).post("/").bodyChunks(pieces).send().text();
        assertTrue(text.startsWith("[ab][cd][e] then "), text);
        assertTrue(text.contains("consumed as a stream"), text);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void chunksAfterAWholeReadReplayTheCacheAsOneChunk(Mode mode) {
        List<Bytes> pieces = List.of(Bytes.utf8("ab"), Bytes.utf8("cd"));
        Probe probe = new Probe(r -> r.body().thenCompose(b -> {
            StringBuilder seen = new StringBuilder();
            return drain(r.chunks(), seen).thenApply(v -> seen.toString());
        }), r -> {
            r.blocking().body();
            BlockingRequest.Chunks chunks = r.blocking().chunks();
            StringBuilder seen = new StringBuilder();
            for (Optional<Bytes> c = chunks.next(); c.isPresent(); c = chunks.next()) {
                seen.append('[').append(c.get().utf8()).append(']');
            }
            return seen.toString();
        });
        assertEquals("[abcd]", TestClient.of(probe.app(mode, failures)).post("/").bodyChunks(pieces).send().text());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDisconnectWhileReadingFailsWithClientDisconnected(Mode mode) {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Application app = mode == Mode.ASYNC
                ? (scope, receive, send) -> Request.of((HttpScope) scope, receive).body()
                        .handle((b, e) -> seen.complete(e == null ? null : BodyReader.unwrap(e)))
                        .thenApply(x -> null)
                : Blocking.app((scope, receive, send) -> {
                    try {
                        Request.of((HttpScope) scope, receive).blocking().body();
                        seen.complete(null);
                    } catch (RuntimeException e) {
                        seen.complete(e);
                    }
                });
        try (StreamingResponse stream = TestClient.of(app).post("/").openBody().stream()) {
            stream.writeBody(Bytes.utf8("partial"), true);
            stream.disconnect();
            Throwable failure = seen.join();
            assertInstanceOf(ClientDisconnectedException.class, failure);
            assertTrue(failure.getMessage().contains("after 7 bytes"), failure.getMessage());
        }
    }

    static CompletionStage<Void> drain(BodyChunks chunks, StringBuilder seen) {
        return chunks.next().thenCompose(c -> {
            if (c.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            seen.append('[').append(c.get().utf8()).append(']');
            return drain(chunks, seen);
        });
    }
}
