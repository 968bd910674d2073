package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class ConditionalGetTest {

    private static final String LAST_MODIFIED = "Tue, 24 Nov 2026 10:00:00 GMT";
    private static final Headers VALIDATED = Headers.of("content-type", "text/plain", "etag", "\"v1\"",
            "last-modified", LAST_MODIFIED, "cache-control", "max-age=60", "vary", "Accept-Encoding",
            "content-length", "4", "x-other", "dropped");

    private static TestResponse request(ConditionalGet mw, Application app, String method, String... headers) {
        var req = TestClient.of(mw.wrap(app)).request(method, "/");
        for (int i = 0; i < headers.length; i += 2) {
            req = req.header(headers[i], headers[i + 1]);
        }
        return req.send();
    }

    private static TestResponse get(Application app, String... headers) {
        return request(ConditionalGet.builder().build(), app, "GET", headers);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "if-none-match | \"v1\" | 304",
        "if-none-match | W/\"v1\" | 304",
        "if-none-match | \"a\", \"v1\" | 304",
        "if-none-match | * | 304",
        "if-none-match | \"v2\" | 200",
        "if-modified-since | Tue, 24 Nov 2026 10:00:00 GMT | 304",
        "if-modified-since | Tue, 24 Nov 2026 11:00:00 GMT | 304",
        "if-modified-since | Tue, 24 Nov 2026 09:59:59 GMT | 200",
        "if-modified-since | not a date | 200",
    })
    void validatorsTheClientHasGive304(String header, String value, int status) {
        TestResponse res = get(ScriptedResponse.of(200, VALIDATED, "body"), header, value);
        assertEquals(status, res.status());
        assertEquals(status == 304 ? "" : "body", res.text());
    }

    @Test
    void the304KeepsOnlyTheValidatorAndCachingFields() {
        TestResponse res = get(ScriptedResponse.of(200, VALIDATED, "body"), "if-none-match", "\"v1\"");
        assertEquals(304, res.status());
        assertEquals(Optional.of("\"v1\""), res.header("etag"));
        assertEquals(Optional.of(LAST_MODIFIED), res.header("last-modified"));
        assertEquals(Optional.of("max-age=60"), res.header("cache-control"));
        assertEquals(Optional.of("Accept-Encoding"), res.header("vary"));
        assertEquals(Optional.empty(), res.header("x-other"));
        assertEquals(Optional.empty(), res.header("content-type"));
        assertEquals(Optional.empty(), res.header("content-length"));
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() {
        // RFC 9110 13.2.2: with If-None-Match present, the date is not looked at.
        assertEquals(200, get(ScriptedResponse.of(200, VALIDATED, "body"), "if-none-match", "\"v2\"",
                "if-modified-since", "Tue, 24 Nov 2026 11:00:00 GMT").status());
    }

    @Test
    void onlyGetAndHeadOf200ResponsesAreAnswered() {
        assertEquals(200, request(ConditionalGet.builder().build(), ScriptedResponse.of(200, VALIDATED, "body"), "POST",
                "if-none-match", "\"v1\"").status());
        assertEquals(404, get(ScriptedResponse.of(404, VALIDATED, "gone"), "if-none-match", "\"v1\"").status());
        assertEquals(200, get(ScriptedResponse.of(200, Headers.of("content-type", "text/plain"), "body"),
                "if-none-match", "\"v1\"").status(), "no ETag to compare with");
        TestResponse head = request(ConditionalGet.builder().build(), ScriptedResponse.of(200, VALIDATED, ""), "HEAD",
                "if-none-match", "\"v1\"");
        assertEquals(304, head.status());
    }

    @Test
    void theIfModifiedSinceOptionTurnsDatesOff() {
        assertTrue(ConditionalGet.builder().build().config().ifModifiedSince(), "on by default");
        ConditionalGet noDates = ConditionalGet.builder().ifModifiedSince(false).build();
        Application app = ScriptedResponse.of(200, VALIDATED, "body");
        assertEquals(200, request(noDates, app, "GET", "if-modified-since", LAST_MODIFIED).status());
        assertEquals(304, request(noDates, app, "GET", "if-none-match", "\"v1\"").status());
    }

    @Test
    void aStreamedBodyIsDroppedAfterThe304AndPassesWhenNotMatched() {
        AtomicBoolean finished = new AtomicBoolean();
        Application streamed = (scope, receive, send) -> send.send(new HttpResponseStart(200, VALIDATED))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("one "))))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("two"))))
                .thenRun(() -> finished.set(true));
        TestResponse res = get(streamed, "if-none-match", "\"v1\"");
        assertEquals(304, res.status());
        assertEquals("", res.text());
        assertTrue(finished.get(), "the application ran to its end");
        TestResponse full = get(streamed, "if-none-match", "\"other\"");
        assertEquals(200, full.status());
        assertEquals(List.of("one ", "two"), full.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
    }

    @Test
    void anSseStreamAndOtherScopeTypesPassThroughUntouched() {
        PassThrough.untouched(ConditionalGet.builder().build(), PassThrough.Kind.HTTP, PassThrough.Kind.WEBSOCKET,
                PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
    }
}
