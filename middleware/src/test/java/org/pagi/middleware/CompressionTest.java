package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class CompressionTest {

    private static final String LARGE = "hello compression ".repeat(100);   // 1800 bytes

    private static Application text(String body) {
        return ScriptedResponse.of(200, Headers.of("content-type", "text/plain; charset=utf-8",
                "content-length", Integer.toString(body.length())), body);
    }

    private static TestResponse get(Compression mw, Application app, String acceptEncoding) {
        var req = TestClient.of(mw.wrap(app)).get("/");
        return (acceptEncoding == null ? req : req.header("accept-encoding", acceptEncoding)).send();
    }

    @Test
    void aLargeSingleEventBodyIsGzippedWithItsNewLength() {
        TestResponse res = get(Compression.builder().build(), text(LARGE), "gzip, deflate");
        assertEquals(200, res.status());
        assertEquals(Optional.of("gzip"), res.header("content-encoding"));
        assertEquals(Optional.of("Accept-Encoding"), res.header("vary"));
        assertEquals(Optional.of(Integer.toString(res.body().length())), res.header("content-length"));
        assertTrue(res.body().length() < LARGE.length());
        assertEquals(LARGE, Codecs.decode("gzip", res.body()));
    }

    @Test
    void theStatusIsKept() {
        Application created = ScriptedResponse.of(201, Headers.of("content-type", "application/json"), "[" + "1,".repeat(800) + "1]");
        TestResponse res = get(Compression.builder().build(), created, "gzip");
        assertEquals(201, res.status());
        assertEquals(Optional.of("gzip"), res.header("content-encoding"));
    }

    @Test
    void defaultsAreUpstreams() {
        Compression.Config c = Compression.builder().build().config();
        assertEquals(1024, c.minSize());
        assertEquals(Compression.DEFAULT_MIME_TYPES, c.mimeTypes());
        assertEquals(6, c.level());
        assertEquals(List.of(ContentCoding.GZIP, ContentCoding.DEFLATE), c.codings());
        Compression mw = Compression.builder().build();
        assertEquals(Optional.empty(), get(mw, text("x".repeat(1023)), "gzip").header("content-encoding"));
        assertEquals(Optional.of("gzip"), get(mw, text("x".repeat(1024)), "gzip").header("content-encoding"));
        Application png = ScriptedResponse.of(200, Headers.of("content-type", "image/png"), LARGE);
        assertEquals(Optional.empty(), get(mw, png, "gzip").header("content-encoding"));
        assertEquals(Optional.empty(), get(mw, png, "gzip").header("vary"));
    }

    @Test
    void withoutAnAcceptedCodingTheBodyIsUntouchedButVaried() {
        TestResponse res = get(Compression.builder().build(), text(LARGE), null);
        assertEquals(Optional.empty(), res.header("content-encoding"));
        assertEquals(Optional.of("Accept-Encoding"), res.header("vary"));
        assertEquals(LARGE, res.text());
        assertEquals(Optional.of("1800"), res.header("content-length"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gzip, deflate | gzip",
        "deflate, gzip | gzip",
        "deflate | deflate",
        "gzip;q=0, deflate | deflate",
        "gzip;q=0 | none",
        "gzip;q=0.5, deflate;q=0.8 | deflate",
        "* | gzip",
        "*;q=0 | none",
        "gzip;q=0, * | deflate",
        "identity | none",
        "br | none",
        "GZIP;Q=1 | gzip",
        "gzip;q=2 | none",
    })
    void acceptEncodingIsNegotiatedByQValue(String accept, String expected) {
        TestResponse res = get(Compression.builder().build(), text(LARGE), accept);
        assertEquals(expected, res.header("content-encoding").orElse("none"));
        if (!expected.equals("none")) {
            assertEquals(LARGE, Codecs.decode(expected, res.body()));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | text/event-stream | content-type",
        "200 | text/plain | content-encoding",
        "200 | text/plain | no-transform",
        "206 | text/plain | status",
        "204 | text/plain | status",
    })
    void responsesThatMustNotBeTransformedAreSkipped(int status, String type, String reason) {
        Headers headers = Headers.of("content-type", type);
        if (reason.equals("content-encoding")) {
            headers = headers.with("content-encoding", "br");
        }
        if (reason.equals("no-transform")) {
            headers = headers.with("cache-control", "public, no-transform");
        }
        TestResponse res = get(Compression.builder().build(), ScriptedResponse.of(status, headers, LARGE.substring(0, 900),
                LARGE.substring(900)), "gzip");
        assertEquals(status, res.status());
        assertEquals(reason.equals("content-encoding") ? Optional.of("br") : Optional.empty(),
                res.header("content-encoding"));
        assertEquals(LARGE, res.text());
    }

    @Test
    void aStrongEtagIsWeakenedAndAWeakOneKept() {
        Compression mw = Compression.builder().build();
        Headers h = Headers.of("content-type", "text/html", "etag", "\"v1\"");
        assertEquals(Optional.of("W/\"v1\""), get(mw, ScriptedResponse.of(200, h, LARGE), "gzip").header("etag"));
        Headers weak = Headers.of("content-type", "text/html", "etag", "W/\"v1\"");
        assertEquals(Optional.of("W/\"v1\""), get(mw, ScriptedResponse.of(200, weak, LARGE), "gzip").header("etag"));
        assertEquals(Optional.of("\"v1\""), get(mw, ScriptedResponse.of(200, h, LARGE), null).header("etag"));
    }

    @Test
    void aStreamIsCompressedPerEventWithoutContentLength() {
        Application streamed = ScriptedResponse.of(200, Headers.of("content-type", "text/plain"),
                "first ", "second ", "third");
        TestResponse res = get(Compression.builder().codings(ContentCoding.DEFLATE).build(), streamed, "deflate");
        assertEquals(Optional.of("deflate"), res.header("content-encoding"));
        assertEquals(Optional.empty(), res.header("content-length"));
        // Each chunk alone decodes to the event it came from: nothing waits for the next one.
        Codecs.ChunkInflater inflater = new Codecs.ChunkInflater();
        List<Bytes> chunks = res.chunks().stream().filter(c -> !c.isEmpty()).toList();
        assertEquals(3, chunks.size());
        assertEquals("first ", inflater.feed(chunks.get(0)));
        assertEquals("second ", inflater.feed(chunks.get(1)));
        assertEquals("third", inflater.feed(chunks.get(2)));
        assertTrue(inflater.finished());
    }

    @Test
    void headGetsTheHeadersAGetWouldWithoutContentLength() {
        Application head = ScriptedResponse.of(200, Headers.of("content-type", "text/plain", "content-length", "1800",
                "etag", "\"a\""), "");
        TestResponse res = TestClient.of(Compression.builder().build().wrap(head)).head("/")
                .header("accept-encoding", "gzip").send();
        assertEquals(200, res.status());
        assertEquals(Optional.of("gzip"), res.header("content-encoding"));
        assertEquals(Optional.of("Accept-Encoding"), res.header("vary"));
        assertEquals(Optional.of("W/\"a\""), res.header("etag"));
        assertFalse(res.headers().contains("content-length"));
        Application small = ScriptedResponse.of(200, Headers.of("content-type", "text/plain", "content-length", "10"), "");
        assertEquals(Optional.empty(), TestClient.of(Compression.builder().build().wrap(small)).head("/")
                .header("accept-encoding", "gzip").send().header("content-encoding"));
    }

    @Test
    void optionsChangeWhatIsCompressedAndHow() {
        Compression any = Compression.builder().minSize(0).mimeTypes(List.of("text/*")).level(9).build();
        TestResponse tiny = get(any, ScriptedResponse.of(200, Headers.of("content-type", "text/csv"), "a,b"), "gzip");
        assertEquals(Optional.of("gzip"), tiny.header("content-encoding"));
        assertEquals("a,b", Codecs.decode("gzip", tiny.body()));
        assertEquals(Optional.empty(), get(any, ScriptedResponse.of(200, Headers.of("content-type", "application/json"), LARGE), "gzip").header("content-encoding"));
        Compression deflateOnly = Compression.builder().codings(ContentCoding.DEFLATE).build();
        assertEquals(Optional.empty(), get(deflateOnly, text(LARGE), "gzip").header("content-encoding"));
        assertEquals(Optional.of("deflate"), get(deflateOnly, text(LARGE), "gzip, deflate").header("content-encoding"));
        Compression fast = Compression.builder().level(1).build();
        Compression small = Compression.builder().level(9).build();
        String mixed = "abcdefghij".repeat(50) + LARGE + "0123456789".repeat(80);
        assertTrue(get(small, text(mixed), "gzip").body().length() <= get(fast, text(mixed), "gzip").body().length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "minSize | -1",
        "level | 0",
        "level | 10",
        "mimeTypes | text/event-stream",
        "mimeTypes | nonsense",
        "mimeTypes | ",
        "codings | ",
    })
    void badOptionsAreRefusedNamingTheOption(String option, String value) {
        var b = Compression.builder();
        switch (option) {
            case "minSize" -> b.minSize(Integer.parseInt(value));
            case "level" -> b.level(Integer.parseInt(value));
            case "mimeTypes" -> b.mimeTypes(value == null ? List.of() : List.of(value));
            default -> b.codings();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith(option), e.getMessage());
    }

    @Test
    void otherScopeTypesPassThroughUntouched() {
        PassThrough.untouched(Compression.builder().build(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN);
    }
}
