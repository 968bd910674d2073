package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.HttpRequest;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.request.Probe.Mode;

/** Request.multipart in both handler modes: fields, in-memory and spilled files, cleanup, and every limit. */
@Timeout(30)
class RequestMultipartTest {

    @TempDir
    Path tempDir;

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private static final Bytes SMALL = Bytes.utf8("small file");
    private static final Bytes BIG = random(100 * 1024);

    static Bytes random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Bytes.of(b);
    }

    private Multipart sample() {
        return Multipart.builder().field("a", "1").field("a", "2").field("b", "é")
                .file("doc", "../../etc/small.txt", "text/plain", SMALL).file("doc", "big.bin", BIG).build();
    }

    private BodyLimits limits() {
        return BodyLimits.DEFAULTS.withTempDir(tempDir);
    }

    private TestResponse send(Mode mode, Probe probe, Multipart body, BodyLimits limits) {
        Application app = limits.middleware().wrap(probe.app(mode, failures));
        return TestClient.of(app).post("/").multipart(body).send();
    }

    private static String describe(MultipartForm form) {
        StringBuilder out = new StringBuilder(form.fields().toString());
        for (UploadedFile f : form.files("doc")) {
            out.append(" | ").append(f.filename()).append(' ').append(f.rawFilename()).append(' ')
                    .append(f.contentType()).append(' ').append(f.size()).append(' ')
                    .append(f.isInMemory() ? "memory" : "disk").append(' ')
                    .append(f.bytes().equals(f.size() == SMALL.length() ? SMALL : BIG));
            try (InputStream in = f.inputStream()) {
                out.append(' ').append(in.readAllBytes().length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fieldsAndFilesReadWithLargeFilesSpilledAndDeletedWhenTheRequestEnds(Mode mode) throws Exception {
        List<Path> spilled = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Probe probe = new Probe(r -> r.multipart().thenApply(form -> {
            form.files().forEach(f -> f.path().ifPresent(spilled::add));
            r.onComplete(() -> ended.complete(null));
            return describe(form);
        }), r -> {
            MultipartForm form = r.blocking().multipart();
            form.files().forEach(f -> f.path().ifPresent(spilled::add));
            r.onComplete(() -> ended.complete(null));
            return describe(form);
        });
        TestResponse res = send(mode, probe, sample(), limits());
        assertEquals("{a=[1, 2], b=[é]} | small.txt ../../etc/small.txt text/plain 10 memory true 10"
                + " | big.bin big.bin application/octet-stream 102400 disk true 102400", res.text());
        assertEquals(1, spilled.size());
        assertTrue(spilled.get(0).startsWith(tempDir), spilled.toString());
        ended.get(10, TimeUnit.SECONDS);    // our callback runs after the cleanup registered before it
        assertEquals(List.of(), list(tempDir));
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMovedFileIsKeptAndTheFormIsReadOnlyOnce(Mode mode) throws Exception {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Path kept = tempDir.resolve("kept.bin");
        Probe probe = new Probe(r -> r.multipart().thenCompose(form -> r.multipart().thenApply(again -> {
            form.file("doc").orElseThrow().moveTo(tempDir.resolve("small-kept.txt"));
            form.files("doc").get(1).moveTo(kept);
            r.onComplete(() -> ended.complete(null));
            return (form == again) + " " + form.files().get(1).path().orElseThrow().equals(kept);
        })).thenCompose(s -> r.body().handle((b, e) -> s + " " + BodyReader.unwrap(e).getMessage())), r -> {
            MultipartForm form = r.blocking().multipart();
            boolean same = form == r.blocking().multipart();
            form.file("doc").orElseThrow().moveTo(tempDir.resolve("small-kept.txt"));
            form.files("doc").get(1).moveTo(kept);
            r.onComplete(() -> ended.complete(null));
            String s = same + " " + form.files().get(1).path().orElseThrow().equals(kept);
            try {
                r.blocking().body();
                return s + " no failure";
            } catch (IllegalStateException e) {
                return s + " " + e.getMessage();
            }
        });
        String text = send(mode, probe, sample(), limits()).text();
        assertTrue(text.startsWith("true true the request body was already consumed as a stream"), text);
        ended.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("kept.bin", "small-kept.txt"), list(tempDir));
        assertEquals(BIG, Bytes.of(Files.readAllBytes(kept)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFileOverItsLimitFailsWith413MidUploadAndLeavesNoTempFile(Mode mode) throws Exception {
        BodyLimits limits = limits().withMaxFileBytes(200 * 1024).withSpillThresholdBytes(1024);
        Multipart body = Multipart.builder().field("x", "y").file("doc", "huge.bin", random(1 << 20)).build();
        AtomicLong delivered = new AtomicLong();
        TestResponse res = uploadInChunks(mode, limits, body, delivered);
        assertEquals(413, res.status());
        assertEquals("uploaded file 'doc' exceeds 204800 bytes (maxFileBytes)", res.text());
        assertEquals(List.of(), list(tempDir));
        assertTrue(delivered.get() <= 200 * 1024 + 2 * CHUNK, "read " + delivered.get() + " bytes");
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMultipartBodyOverTheWholeBodyLimitFailsWith413AndLeavesNoTempFile(Mode mode) throws Exception {
        BodyLimits limits = limits().withMaxBodyBytes(300 * 1024).withSpillThresholdBytes(1024);
        Multipart body = Multipart.builder().field("x", "y").file("doc", "big.bin", random(512 * 1024)).build();
        AtomicLong delivered = new AtomicLong();
        TestResponse res = uploadInChunks(mode, limits, body, delivered);
        assertEquals(413, res.status());
        assertEquals("multipart body exceeds 307200 bytes (maxBodyBytes)", res.text());
        assertEquals(List.of(), list(tempDir), "the part of the file already spilled is deleted");
        assertTrue(delivered.get() <= 300 * 1024 + CHUNK, "read " + delivered.get() + " bytes");
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachLimitAndMalformedBodyAnswersWithItsStatus(Mode mode) {
        Probe probe = new Probe(r -> r.multipart().thenApply(RequestMultipartTest::describe),
                r -> describe(r.blocking().multipart()));
        assertLimit(mode, probe, limits().withMaxFiles(1), "multipart body has more than 1 files (maxFiles)");
        assertLimit(mode, probe, limits().withMaxFields(2), "multipart body has more than 2 fields (maxFields)");
        assertLimit(mode, probe, limits().withMaxFieldBytes(1), "form field 'b' exceeds 1 bytes (maxFieldBytes)");
        Application app = limits().middleware().wrap(probe.app(mode, failures));
        TestClient client = TestClient.of(app);
        assertEquals(415, client.post("/").body(Bytes.utf8("x"), "text/plain").send().status());
        TestResponse noBoundary = client.post("/").body(Bytes.utf8("x"), "multipart/form-data").send();
        assertEquals(400, noBoundary.status());
        assertTrue(noBoundary.text().contains("no boundary"), noBoundary.text());
        byte[] full = sample().body().toByteArray();
        TestResponse cut = client.post("/").body(Bytes.of(full, 0, full.length - 10), sample().contentType()).send();
        assertEquals(400, cut.status());
        assertTrue(cut.text().contains("closing boundary"), cut.text());
        assertTrue(failures.isEmpty(), failures::toString);
    }

    private static final int CHUNK = 16 * 1024;

    /** Posts {@code body} in {@link #CHUNK}-byte pieces to a multipart reader under {@code limits}, counting it. */
    private TestResponse uploadInChunks(Mode mode, BodyLimits limits, Multipart body, AtomicLong delivered) {
        byte[] all = body.body().toByteArray();
        List<Bytes> pieces = new ArrayList<>();
        for (int at = 0; at < all.length; at += CHUNK) {
            pieces.add(Bytes.of(all, at, Math.min(CHUNK, all.length - at)));
        }
        Probe probe = new Probe(r -> r.multipart().thenApply(RequestMultipartTest::describe),
                r -> describe(r.blocking().multipart()));
        Application inner = limits.middleware().wrap(probe.app(mode, failures));
        Application counting = (scope, receive, send) -> inner.call(scope, () -> receive.receive().thenApply(e -> {
            if (e instanceof HttpRequest r) {
                delivered.addAndGet(r.body().length());
            }
            return e;
        }), send);
        return TestClient.of(counting).post("/").header("content-type", body.contentType()).bodyChunks(pieces).send();
    }

    private void assertLimit(Mode mode, Probe probe, BodyLimits limits, String message) {
        TestResponse res = send(mode, probe, sample(), limits);
        assertEquals(413, res.status(), res.text());
        assertEquals(message, res.text());
        assertEquals(List.of(), list(tempDir));
    }

    static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theDefaultsAreTheDocumentedOnes(Mode mode) {
        Probe probe = new Probe(r -> CompletableFuture.completedFuture(r.limits().toString()),
                r -> r.blocking().request().limits().toString());
        String text = TestClient.of(probe.app(mode, failures)).get("/").send().text();
        assertEquals(BodyLimits.DEFAULTS.toString(), text);
        assertEquals(new BodyLimits(1 << 20, 1000, 1 << 20, 100, 10 << 20, 64 << 10,
                Path.of(System.getProperty("java.io.tmpdir"))), BodyLimits.DEFAULTS);
        assertFalse(text.isEmpty());
    }
}
