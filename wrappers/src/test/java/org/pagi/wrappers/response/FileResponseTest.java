package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.testing.HttpRequestBuilder;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.HttpDate;

/** FileResponse through the test client, every case in both handler modes. */
@Timeout(20)
class FileResponseTest {

    private static final byte[] CONTENT = content(1000);

    @TempDir
    Path dir;

    static byte[] content(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** An application sending {@code response} in {@code mode}. */
    static Application serve(Mode mode, FileResponse response) {
        return mode == Mode.ASYNC ? response
                : Blocking.app((scope, receive, send) -> response.blocking().respond(scope, send));
    }

    private Path file(String name) throws IOException {
        return Files.write(dir.resolve(name), CONTENT);
    }

    private TestResponse get(Mode mode, FileResponse response, String... headers) {
        HttpRequestBuilder request = TestClient.of(serve(mode, response)).get("/");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    private static byte[] slice(int first, int last) {
        return Arrays.copyOfRange(CONTENT, first, last + 1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void wholeFileCarriesLengthTypeValidatorsAndAcceptRanges(Mode mode) throws IOException {
        Path f = file("notes.txt");
        TestResponse r = get(mode, FileResponse.of(f));
        assertEquals(200, r.status());
        assertEquals(Optional.of("1000"), r.header("content-length"));
        assertEquals(Optional.of("text/plain; charset=utf-8"), r.header("content-type"));
        assertEquals(Optional.of("bytes"), r.header("accept-ranges"));
        assertEquals(Optional.of(HttpDate.format(Files.getLastModifiedTime(f).toInstant())), r.header("last-modified"));
        String etag = r.header("etag").orElseThrow();
        assertTrue(etag.matches("\"3e8-[0-9a-f]+\""), etag);   // strong: size 1000 = 0x3e8, then the mtime
        assertArrayEquals(CONTENT, r.body().toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void headSendsTheHeadersOfGetAndNoBody(Mode mode) throws IOException {
        FileResponse response = FileResponse.of(file("a.bin"));
        TestResponse get = get(mode, response);
        TestResponse head = TestClient.of(serve(mode, response)).head("/").header("range", "bytes=0-9").send();
        assertEquals(200, head.status(), "HEAD ignores Range: only GET defines it");
        assertEquals(get.header("content-length"), head.header("content-length"));
        assertEquals(get.header("etag"), head.header("etag"));
        assertEquals(Optional.of("application/octet-stream"), head.header("content-type"));
        assertEquals(0, head.body().length());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void oneRangeGives206WithContentRange(Mode mode) throws IOException {
        FileResponse response = FileResponse.of(file("a.txt"));
        TestResponse r = get(mode, response, "range", "bytes=10-19");
        assertEquals(206, r.status());
        assertEquals(Optional.of("bytes 10-19/1000"), r.header("content-range"));
        assertEquals(Optional.of("10"), r.header("content-length"));
        assertEquals(Optional.of("text/plain; charset=utf-8"), r.header("content-type"));
        assertArrayEquals(slice(10, 19), r.body().toByteArray());

        TestResponse suffix = get(mode, response, "range", "bytes=-5");
        assertEquals(Optional.of("bytes 995-999/1000"), suffix.header("content-range"));
        assertArrayEquals(slice(995, 999), suffix.body().toByteArray());

        TestResponse open = get(mode, response, "range", "bytes=990-5000");
        assertEquals(Optional.of("bytes 990-999/1000"), open.header("content-range"));
        assertArrayEquals(slice(990, 999), open.body().toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void severalRangesGiveMultipartSortedAndCoalescedWithExactLength(Mode mode) throws IOException {
        TestResponse r = get(mode, FileResponse.of(file("a.txt")), "range", "bytes=500-509, 0-4,3-7 ,2000-3000");
        assertEquals(206, r.status());
        String type = r.header("content-type").orElseThrow();
        assertTrue(type.matches("multipart/byteranges; boundary=[0-9a-f]{32}"), type);
        assertEquals(Optional.of(Integer.toString(r.body().length())), r.header("content-length"));
        ByteRangeParts parsed = ByteRangeParts.parse(type, r.body().toByteArray());
        assertEquals(2, parsed.parts().size());
        assertEquals("bytes 0-7/1000", parsed.parts().get(0).headers().get("content-range"));
        assertEquals("text/plain; charset=utf-8", parsed.parts().get(0).headers().get("content-type"));
        assertArrayEquals(slice(0, 7), parsed.parts().get(0).body());
        assertEquals("bytes 500-509/1000", parsed.parts().get(1).headers().get("content-range"));
        assertArrayEquals(slice(500, 509), parsed.parts().get(1).body());

        TestResponse again = get(mode, FileResponse.of(file("a.txt")), "range", "bytes=0-1,5-6");
        assertTrue(!again.header("content-type").equals(r.header("content-type")), "a fresh boundary each time");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void noSatisfiableRangeGives416WithTheLength(Mode mode) throws IOException {
        TestResponse r = get(mode, FileResponse.of(file("a.txt")), "range", "bytes=1000-,5000-6000");
        assertEquals(416, r.status());
        assertEquals(Optional.of("bytes */1000"), r.header("content-range"));
        assertEquals(0, r.body().length());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void badOrTooLongRangeHeadersAreIgnored(Mode mode) throws IOException {
        FileResponse response = FileResponse.of(file("a.txt"));
        assertEquals(200, get(mode, response, "range", "bytes=x-y").status());
        assertEquals(200, get(mode, response, "range", "items=0-1").status());
        StringBuilder many = new StringBuilder("bytes=");
        for (int i = 0; i < 101; i++) {
            many.append(i * 5).append('-').append(i * 5 + 1).append(',');
        }
        TestResponse r = get(mode, response, "range", many.toString());
        assertEquals(200, r.status(), "more than 100 ranges: the whole file");
        assertArrayEquals(CONTENT, r.body().toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ifNoneMatchGives304WithValidatorsAndNoBody(Mode mode) throws IOException {
        FileResponse response = FileResponse.of(file("a.txt")).withHeader("cache-control", "max-age=60");
        TestResponse first = get(mode, response);
        String etag = first.header("etag").orElseThrow();
        for (String value : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            TestResponse r = get(mode, response, "if-none-match", value);
            assertEquals(304, r.status(), value);
            assertEquals(Optional.of(etag), r.header("etag"));
            assertEquals(first.header("last-modified"), r.header("last-modified"));
            assertEquals(Optional.of("max-age=60"), r.header("cache-control"));
            assertEquals(Optional.empty(), r.header("content-type"));
            assertEquals(0, r.body().length());
        }
        assertEquals(200, get(mode, response, "if-none-match", "\"other\", W/\"x\"").status());
        TestResponse post = TestClient.of(serve(mode, response)).post("/").header("if-none-match", "*")
                .header("range", "bytes=0-1").send();
        assertEquals(200, post.status(), "conditionals and ranges are for GET and HEAD");
        assertArrayEquals(CONTENT, post.body().toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ifModifiedSinceGives304UnlessIfNoneMatchIsPresent(Mode mode) throws IOException {
        Path f = file("a.txt");
        Instant mtime = Files.getLastModifiedTime(f).toInstant();
        FileResponse response = FileResponse.of(f);
        assertEquals(304, get(mode, response, "if-modified-since", HttpDate.format(mtime)).status());
        assertEquals(304, get(mode, response, "if-modified-since", HttpDate.format(mtime.plusSeconds(60))).status());
        assertEquals(200, get(mode, response, "if-modified-since", HttpDate.format(mtime.minusSeconds(60))).status());
        assertEquals(200, get(mode, response, "if-modified-since", "yesterday").status());
        assertEquals(200, get(mode, response, "if-modified-since", HttpDate.format(mtime),
                "if-none-match", "\"other\"").status(), "If-None-Match present: If-Modified-Since is ignored");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ifRangeHonoursTheRangeOnlyForTheCurrentValidators(Mode mode) throws IOException {
        FileResponse response = FileResponse.of(file("a.txt"));
        TestResponse first = get(mode, response);
        String etag = first.header("etag").orElseThrow();
        assertEquals(206, get(mode, response, "range", "bytes=0-9", "if-range", etag).status());
        assertEquals(206, get(mode, response, "range", "bytes=0-9", "if-range",
                first.header("last-modified").orElseThrow()).status());
        TestResponse stale = get(mode, response, "range", "bytes=0-9", "if-range", "\"stale\"");
        assertEquals(200, stale.status());
        assertArrayEquals(CONTENT, stale.body().toByteArray());
        assertEquals(200, get(mode, response, "range", "bytes=0-9", "if-range", "W/" + etag).status(),
                "a weak tag never matches If-Range");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void missingFileAndDirectoryGive404(Mode mode) {
        assertEquals(404, get(mode, FileResponse.of(dir.resolve("missing.txt"))).status());
        assertEquals(404, get(mode, FileResponse.of(dir.resolve("missing/below.txt"))).status());
        TestResponse directory = get(mode, FileResponse.of(dir));
        assertEquals(404, directory.status());
        assertEquals("Not Found", directory.text());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unreadableFileGives403(Mode mode) throws IOException {
        Path f = file("secret.txt");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(f), "the superuser reads any file");
        TestResponse r = get(mode, FileResponse.of(f));
        assertEquals(403, r.status());
        assertEquals("Forbidden", r.text());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void dispositionTypeAndExtraHeaders(Mode mode) throws IOException {
        Path f = file("report.pdf");
        TestResponse attachment = get(mode, FileResponse.of(f).attachment());
        assertEquals(Optional.of("attachment; filename=\"report.pdf\""), attachment.header("content-disposition"));
        assertEquals(Optional.of("application/pdf"), attachment.header("content-type"));

        TestResponse named = get(mode, FileResponse.of(f).attachment("Résumé \"1\".pdf"));
        assertEquals(Optional.of("attachment; filename=\"R_sum_ _1_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%221%22.pdf"),
                named.header("content-disposition"));

        TestResponse inline = get(mode, FileResponse.of(f).inline("../x\r\nset-cookie: a=b/view.pdf")
                .withContentType("application/x-custom").withHeader("Cache-Control", "no-store"));
        assertEquals(Optional.of("inline; filename=\"view.pdf\""), inline.header("content-disposition"));
        assertEquals(Optional.of("application/x-custom"), inline.header("content-type"));
        assertEquals(Optional.of("no-store"), inline.header("cache-control"));
        assertEquals(Optional.empty(), inline.header("set-cookie"));
    }

    @Test
    void accessorsAndRefusedHeaders() throws IOException {
        Path f = file("data.JSON");
        FileResponse response = FileResponse.of(dir.resolve("x/../data.JSON"));
        assertEquals(f.toAbsolutePath(), response.file());
        assertEquals("application/json", response.contentType());
        assertEquals(Optional.empty(), response.disposition());
        assertEquals(Headers.of("x-a", "1"), response.withHeader("X-A", "1").headers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> response.withHeader("Content-Length", "5"));
        assertEquals("Content-Length is set by FileResponse from the file itself", e.getMessage());
        assertEquals(response, response.blocking().response());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theBodyGoesAsAFileEventOrAsBoundedChunksNeverWhole(Mode mode) throws IOException {
        byte[] big = content(300_000);
        Path f = Files.write(dir.resolve("big.bin"), big);
        List<Event> events = new CopyOnWriteArrayList<>();
        TestResponse viaFile = TestClient.of(recorded(serve(mode, FileResponse.of(f)), events)).get("/").send();
        assertArrayEquals(big, viaFile.body().toByteArray());
        assertTrue(events.stream().anyMatch(e -> e instanceof HttpResponseFile), events.toString());

        events.clear();
        TestResponse chunked = TestClient.of(recorded(serve(mode, FileResponse.of(f).streamedInChunks()), events))
                .get("/").send();
        assertArrayEquals(big, chunked.body().toByteArray());
        List<HttpResponseBody> bodies = events.stream().filter(HttpResponseBody.class::isInstance)
                .map(HttpResponseBody.class::cast).toList();
        assertEquals(5, bodies.size(), "300,000 bytes in 64 KiB chunks");
        assertTrue(bodies.stream().allMatch(b -> b.body().length() <= FileChunks.CHUNK));
        assertTrue(events.stream().noneMatch(e -> e instanceof HttpResponseFile));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSecondResponseOnTheSameExchangeFails(Mode mode) throws IOException {
        FileResponse response = FileResponse.of(file("a.txt"));
        List<String> failures = new CopyOnWriteArrayList<>();
        Application twice = mode == Mode.ASYNC
                ? (scope, receive, send) -> response.respond(scope, send).thenRun(() -> {
                    try {
                        response.respond(scope, send);
                    } catch (IllegalStateException e) {
                        failures.add(e.getMessage());
                    }
                })
                : Blocking.app((scope, receive, send) -> {
                    response.blocking().respond(scope, send);
                    try {
                        response.blocking().respond(scope, send);
                    } catch (IllegalStateException e) {
                        failures.add(e.getMessage());
                    }
                });
        assertEquals(200, TestClient.of(twice).get("/").send().status());
        assertEquals(List.of("response already sent: this exchange's send already carried http.response.start"),
                failures);
    }

    static Application recorded(Application app, List<Event> events) {
        return (scope, receive, send) -> app.call(scope, receive, event -> {
            events.add(event);
            return send.send(event);
        });
    }
}
