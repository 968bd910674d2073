package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.testing.HttpRequestBuilder;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.HttpScopes;
import org.pagi.wrappers.http.HttpDate;

/**
 * A jar entry or classpath resource sent by {@link FileResponse} answers every request exactly as the same file on
 * disk does, is read in 64 KiB pieces, and has its stream closed however the response ends.
 */
@Timeout(30)
class FileSourceTest {

    /** Over three 64 KiB chunks, so ranges skip across chunk boundaries. */
    private static final byte[] CONTENT = FileResponseTest.content(200_000);
    private static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");

    @TempDir
    static Path dir;
    static Path file;
    static JarFile jar;
    static URLClassLoader loader;

    @BeforeAll
    static void files() throws IOException {
        file = Files.write(dir.resolve("data.bin"), CONTENT);
        Files.setLastModifiedTime(file, FileTime.from(MTIME));
        Path jarPath = dir.resolve("site.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarPath))) {
            JarEntry folder = new JarEntry("pub/");
            folder.setLastModifiedTime(FileTime.from(MTIME));
            out.putNextEntry(folder);
            JarEntry entry = new JarEntry("pub/data.bin");
            entry.setLastModifiedTime(FileTime.from(MTIME));
            out.putNextEntry(entry);
            out.write(CONTENT);
        }
        jar = new JarFile(jarPath.toFile());
        loader = new URLClassLoader(new URL[] {jarPath.toUri().toURL()}, null);
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
        loader.close();
    }

    /** Every conditional and range case, as header pairs. */
    private static List<String[]> requests(String etag, String lastModified) {
        return List.of(new String[] {}, new String[] {"range", "bytes=0-9"},
                new String[] {"range", "bytes=70000-140000"}, new String[] {"range", "bytes=-5"},
                new String[] {"range", "bytes=199990-"}, new String[] {"range", "bytes=200000-"},
                new String[] {"range", "bytes=0-9,65530-65545,199999-"}, new String[] {"if-none-match", etag},
                new String[] {"if-modified-since", lastModified},
                new String[] {"range", "bytes=100-199", "if-range", etag},
                new String[] {"range", "bytes=100-199", "if-range", lastModified},
                new String[] {"range", "bytes=100-199", "if-range", "\"other\""});
    }

    private static TestResponse send(FileResponse response, Mode mode, String method, String... headers) {
        HttpRequestBuilder request = TestClient.of(FileResponseTest.serve(mode, response)).request(method, "/");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aJarEntryAndAClasspathResourceAnswerAsTheFileOnDisk(Mode mode) throws IOException {
        FileResponse onDisk = FileResponse.of(file);
        FileResponse entry = FileResponse.of(FileSource.of(jar, jar.getJarEntry("pub/data.bin")));
        FileResponse resource = FileResponse.of(FileSource.of(loader.getResource("pub/data.bin")));
        assertInstanceOf(FileSource.Resource.class, resource.source());
        TestResponse plain = send(onDisk, mode, "GET");
        assertEquals(Map.of("etag", "\"30d40-17a668b730013200\"", "last-modified", "Tue, 02 Jan 2024 03:04:05 GMT"),
                Map.of("etag", plain.header("etag").orElseThrow(),
                        "last-modified", plain.header("last-modified").orElseThrow()));
        List<Integer> statuses = new ArrayList<>();
        for (String method : List.of("GET", "HEAD")) {
            for (String[] headers : requests(plain.header("etag").orElseThrow(), HttpDate.format(MTIME))) {
                TestResponse expected = send(onDisk, mode, method, headers);
                statuses.add(expected.status());
                for (FileResponse other : List.of(entry, resource)) {
                    assertSame(expected, send(other, mode, method, headers), method + " " + String.join(" ", headers));
                }
            }
        }
        assertEquals(List.of(200, 206, 206, 206, 206, 416, 206, 304, 304, 206, 206, 200,
                200, 200, 200, 200, 200, 200, 200, 304, 304, 200, 200, 200), statuses, "every answer was exercised");
    }

    /** Same status, headers (Date aside; a multipart boundary is random) and body (multipart: the same parts). */
    private static void assertSame(TestResponse expected, TestResponse actual, String what) {
        assertEquals(expected.status(), actual.status(), what);
        String type = expected.header("content-type").orElse("");
        if (type.startsWith("multipart/byteranges")) {
            var want = ByteRangeParts.parse(type, expected.body().toByteArray()).parts();
            var got = ByteRangeParts.parse(actual.header("content-type").orElseThrow(), actual.body().toByteArray())
                    .parts();
            assertEquals(want.size(), got.size(), what);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i).headers(), got.get(i).headers(), what);
                assertArrayEquals(want.get(i).body(), got.get(i).body(), what);
            }
            assertEquals(withoutBoundary(expected.headers()), withoutBoundary(actual.headers()), what);
            return;
        }
        assertEquals(expected.headers().without("date"), actual.headers().without("date"), what);
        assertArrayEquals(expected.body().toByteArray(), actual.body().toByteArray(), what);
    }

    private static Headers withoutBoundary(Headers headers) {
        return headers.without("date").without("content-type");
    }

    @Test
    void aResourceIsReadIn64KiBPiecesAndNeverOpenedForHeadOr304() {
        AtomicInteger opened = new AtomicInteger();
        FileResponse response = FileResponse.of(new FileSource.Resource("data.bin", CONTENT.length, MTIME, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(CONTENT);
        }));
        TestResponse whole = send(response, Mode.ASYNC, "GET");
        List<Integer> sizes = whole.chunks().stream().map(Bytes::length).filter(n -> n > 0).toList();
        assertEquals(List.of(65536, 65536, 65536, 200_000 - 3 * 65536), sizes);
        assertArrayEquals(CONTENT, whole.body().toByteArray());
        assertEquals(1, opened.get());
        assertEquals(200, send(response, Mode.ASYNC, "HEAD").status());
        assertEquals(304, send(response, Mode.ASYNC, "GET", "if-none-match", whole.header("etag").orElseThrow())
                .status());
        assertEquals(1, opened.get(), "HEAD and 304 send no body, so the resource is not opened");
        assertEquals(206, send(response, Mode.ASYNC, "GET", "range", "bytes=1-2,100-101").status());
        assertEquals(3, opened.get(), "each range of a multipart body reads from a fresh stream");
    }

    /** A stream over {@code content} that counts its closes and fails its reads after {@code failAfter} bytes. */
    private static final class Watched extends FilterInputStream {
        final CountDownLatch closed = new CountDownLatch(1);
        private final long failAfter;
        private long read;

        Watched(byte[] content, long failAfter) {
            super(new ByteArrayInputStream(content));
            this.failAfter = failAfter;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (read >= failAfter) {
                throw new IOException("disk error");
            }
            int n = super.read(b, off, (int) Math.min(len, failAfter - read));
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public void close() throws IOException {
            super.close();
            closed.countDown();
        }
    }

    /** Sends {@code length} bytes of {@code stream} to a client that goes away after {@code bodiesTaken} bodies. */
    private static Throwable failureOf(Watched stream, long length, int bodiesTaken, String... range) {
        FileResponse response = FileResponse.of(new FileSource.Resource("data.bin", length, MTIME, () -> stream));
        AtomicInteger bodies = new AtomicInteger();
        Send send = (Event event) -> event instanceof HttpResponseBody && bodies.incrementAndGet() > bodiesTaken
                ? CompletableFuture.failedFuture(new IOException("client went away"))
                : CompletableFuture.completedFuture(null);
        Headers headers = range.length == 0 ? Headers.empty() : Headers.of("range", range[0]);
        CompletableFuture<Void> done = response.respond(HttpScopes.of("GET", new ConnectionTracker(), headers), send)
                .toCompletableFuture();
        CompletionException e = assertThrows(CompletionException.class, done::join);
        return e.getCause();
    }

    @Test
    void theStreamIsClosedOnEveryPath() throws Exception {
        Watched complete = new Watched(CONTENT, Long.MAX_VALUE);
        FileResponse ok = FileResponse.of(new FileSource.Resource("data.bin", CONTENT.length, MTIME, () -> complete));
        assertEquals(200, send(ok, Mode.ASYNC, "GET").status());
        assertTrue(complete.closed.await(10, TimeUnit.SECONDS), "closed after the last chunk");

        Watched gone = new Watched(CONTENT, Long.MAX_VALUE);
        assertEquals("client went away", failureOf(gone, CONTENT.length, 1).getMessage());
        assertTrue(gone.closed.await(10, TimeUnit.SECONDS), "closed when the client went away mid-body");

        Watched broken = new Watched(CONTENT, 100_000);
        assertEquals("disk error", failureOf(broken, CONTENT.length, Integer.MAX_VALUE).getMessage());
        assertTrue(broken.closed.await(10, TimeUnit.SECONDS), "closed when a read failed");

        Watched shorter = new Watched(CONTENT, Long.MAX_VALUE);
        assertInstanceOf(EOFException.class, failureOf(shorter, CONTENT.length + 10, Integer.MAX_VALUE));
        assertTrue(shorter.closed.await(10, TimeUnit.SECONDS), "closed when the resource was shorter");

        Watched skipped = new Watched(CONTENT, Long.MAX_VALUE);
        assertInstanceOf(EOFException.class, failureOf(skipped, CONTENT.length + 10, Integer.MAX_VALUE,
                "bytes=200001-200005"));
        assertTrue(skipped.closed.await(10, TimeUnit.SECONDS), "closed when the skip to a range ran out");
    }

    @Test
    void sourcesNameTheirFileAndRefuseWhatTheyCannotServe() throws IOException {
        FileResponse entry = FileResponse.of(FileSource.of(jar, jar.getJarEntry("pub/data.bin")));
        assertEquals("application/octet-stream", entry.contentType());
        assertEquals("attachment; filename=\"data.bin\"",
                send(entry.attachment(), Mode.ASYNC, "HEAD").header("content-disposition").orElseThrow());
        assertThrows(IllegalStateException.class, entry::file, "a resource has no path");
        assertInstanceOf(FileSource.OnDisk.class, FileSource.of(file.toUri().toURL()));
        assertEquals(file.toAbsolutePath(), FileResponse.of(FileSource.of(file.toUri().toURL())).file());
        assertThrows(IllegalArgumentException.class, () -> FileSource.of(jar, jar.getJarEntry("pub/")));
        assertThrows(FileNotFoundException.class, () -> FileSource.of(loader.getResource("pub/")));
        assertThrows(FileNotFoundException.class, () -> FileSource.of(java.net.URI.create("jar:"
                + dir.resolve("site.jar").toUri() + "!/pub/missing.txt").toURL()));
        assertThrows(FileNotFoundException.class, () -> FileSource.of(URL.of(java.net.URI.create("http://x/a"), null)));
        assertEquals("length: -1 must be 0 or more", assertThrows(IllegalArgumentException.class,
                () -> new FileSource.Resource("a", -1, MTIME, InputStream::nullInputStream)).getMessage());
    }
}
