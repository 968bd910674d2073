package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.request.Probe.Mode;

/** Request.parts in both handler modes: parts one by one, data chunk by chunk, skipping, limits, backpressure. */
@Timeout(30)
class RequestPartsTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private static final Multipart BODY = Multipart.builder().field("title", "hello")
            .file("skipped", "s.bin", RequestMultipartTest.random(5000))
            .file("doc", "C:\\x\\d.txt", "text/plain", Bytes.utf8("document")).build();

    /** Reads every part but "skipped", whose data it leaves for next() to skip. */
    private static CompletionStage<String> readAsync(MultipartParts parts, StringBuilder out) {
        return parts.next().thenCompose(p -> {
            if (p.isEmpty()) {
                return CompletableFuture.completedFuture(out.toString());
            }
            MultipartPart part = p.get();
            out.append(part.name()).append(part.filename().map(f -> "(" + f + ")").orElse("")).append('=');
            if (part.name().equals("skipped")) {
                out.append("-; ");
                return readAsync(parts, out);
            }
            return drain(part, out).thenCompose(v -> readAsync(parts, out.append("; ")));
        });
    }

    private static CompletionStage<Void> drain(MultipartPart part, StringBuilder out) {
        return part.next().thenCompose(c -> {
            if (c.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            out.append(c.get().utf8());
            return drain(part, out);
        });
    }

    private static String readBlocking(BlockingRequest.Parts parts) {
        StringBuilder out = new StringBuilder();
        for (Optional<BlockingRequest.Part> p = parts.next(); p.isPresent(); p = parts.next()) {
            MultipartPart part = p.get().part();
            out.append(part.name()).append(part.filename().map(f -> "(" + f + ")").orElse("")).append('=');
            if (part.name().equals("skipped")) {
                out.append("-; ");
                continue;
            }
            for (Optional<Bytes> c = p.get().next(); c.isPresent(); c = p.get().next()) {
                out.append(c.get().utf8());
            }
            out.append("; ");
        }
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void partsStreamOneByOneAndAnUnreadPartIsSkipped(Mode mode) {
        Probe probe = new Probe(r -> readAsync(r.parts(), new StringBuilder()), r -> readBlocking(r.blocking().parts()));
        List<Bytes> pieces = Pieces.split(BODY.body().toByteArray(), List.of(1, 7, 50, 100, 300, 2000, 5100));
        TestResponse res = TestClient.of(probe.app(mode, failures)).post("/")
                .header("content-type", BODY.contentType()).bodyChunks(pieces).send();
        assertEquals("title=hello; skipped(s.bin)=-; doc(d.txt)=document; ", res.text());
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nothingIsReceivedBeyondWhatTheConsumerAskedFor(Mode mode) {
        AtomicInteger receives = new AtomicInteger();
        Probe probe = new Probe(r -> r.parts().next().thenApply(p -> p.orElseThrow().name()),
                r -> r.blocking().parts().next().orElseThrow().part().name());
        Application inner = probe.app(mode, failures);
        Application counting = (scope, receive, send) -> inner.call(scope, () -> {
            receives.incrementAndGet();
            return receive.receive();
        }, send);
        byte[] all = BODY.body().toByteArray();
        List<Integer> cuts = new ArrayList<>();
        for (int at = 100; at < all.length; at += 100) {
            cuts.add(at);
        }
        TestResponse res = TestClient.of(counting).post("/").header("content-type", BODY.contentType())
                .bodyChunks(Pieces.split(all, cuts)).send();
        assertEquals("title", res.text());
        int headEnd = BODY.body().latin1().indexOf("\r\n\r\n") + 4;
        assertEquals(headEnd / 100 + 1, receives.get(), "only the chunks up to the first part's head are received");
        assertTrue(cuts.size() > 40, "the body has " + (cuts.size() + 1) + " chunks");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamedPartsAreLimitedAndRefuseAnotherContentType(Mode mode) {
        BodyLimits limits = BodyLimits.DEFAULTS.withMaxFileBytes(4000);
        Probe probe = new Probe(r -> readAsync(r.parts(limits), new StringBuilder()),
                r -> readBlocking(r.blocking().parts(limits)));
        TestClient client = TestClient.of(probe.app(mode, failures));
        TestResponse res = client.post("/").multipart(BODY).send();
        assertEquals(413, res.status());
        assertEquals("uploaded file 'skipped' exceeds 4000 bytes (maxFileBytes)", res.text());
        assertEquals(415, client.post("/").text("x").send().status());
        assertTrue(failures.isEmpty(), failures::toString);
    }
}
