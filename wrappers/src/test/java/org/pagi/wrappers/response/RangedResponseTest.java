package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.HttpRequestBuilder;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.HttpDate;
import org.pagi.wrappers.http.SetCookie;

/** RangedResponse: an in-memory body with validators answers like a file, in both handler modes. */
@Timeout(20)
class RangedResponseTest {

    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    private static final RangedResponse ALPHABET = RangedResponse.of(
            Response.text("abcdefghijklmnopqrstuvwxyz").withHeader("etag", "\"v1\"")
                    .withHeader("last-modified", HttpDate.format(MODIFIED)).withCookie(SetCookie.of("s", "1")));

    static Application serve(Mode mode, RangedResponse response) {
        return mode == Mode.ASYNC ? response
                : Blocking.app((scope, receive, send) -> response.blocking().respond(scope, send));
    }

    private static TestResponse get(Mode mode, RangedResponse response, String... headers) {
        HttpRequestBuilder request = TestClient.of(serve(mode, response)).get("/");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void wholeBodyKeepsTheResponseFieldsAndAddsAcceptRanges(Mode mode) {
        TestResponse r = get(mode, ALPHABET);
        assertEquals(200, r.status());
        assertEquals("abcdefghijklmnopqrstuvwxyz", r.text());
        assertEquals(Optional.of("26"), r.header("content-length"));
        assertEquals(Optional.of("bytes"), r.header("accept-ranges"));
        assertEquals(Optional.of("\"v1\""), r.header("etag"));
        assertEquals(List.of("\"v1\""), r.headers().all("etag"), "the validator is sent once");
        assertEquals(Optional.of("Fri, 02 Jan 2026 03:04:05 GMT"), r.header("last-modified"));
        assertTrue(r.header("set-cookie").orElseThrow().startsWith("s=1"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rangesOfAnInMemoryBody(Mode mode) {
        TestResponse one = get(mode, ALPHABET, "range", "bytes=2-4");
        assertEquals(206, one.status());
        assertEquals("cde", one.text());
        assertEquals(Optional.of("bytes 2-4/26"), one.header("content-range"));

        TestResponse many = get(mode, ALPHABET, "range", "bytes=-2,0-0");
        ByteRangeParts parts = ByteRangeParts.parse(many.header("content-type").orElseThrow(),
                many.body().toByteArray());
        assertEquals(List.of("a", "yz"), parts.parts().stream().map(p -> new String(p.body())).toList());
        assertEquals("text/plain; charset=utf-8", parts.parts().get(1).headers().get("content-type"));
        assertEquals(Optional.of(Integer.toString(many.body().length())), many.header("content-length"));

        assertEquals(416, get(mode, ALPHABET, "range", "bytes=26-").status());
        assertEquals(200, get(mode, ALPHABET, "range", "bytes=0-1", "if-range", "\"v0\"").status());
        assertEquals(206, get(mode, ALPHABET, "range", "bytes=0-1", "if-range", "\"v1\"").status());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void conditionalsGive304WithCookiesAndValidators(Mode mode) {
        TestResponse r = get(mode, ALPHABET, "if-none-match", "W/\"v1\"");
        assertEquals(304, r.status());
        assertEquals(0, r.body().length());
        assertEquals(Optional.of("\"v1\""), r.header("etag"));
        assertTrue(r.header("set-cookie").isPresent());
        assertEquals(304, get(mode, ALPHABET, "if-modified-since", HttpDate.format(MODIFIED)).status());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void noValidatorsStillServesRangesAndOtherStatusesPassThrough(Mode mode) {
        RangedResponse plain = RangedResponse.of(Response.bytes(Bytes.ascii("0123456789"), "application/x-digits"));
        assertEquals("345", get(mode, plain, "range", "bytes=3-5").text());
        assertEquals(200, get(mode, plain, "range", "bytes=3-5", "if-range", "\"x\"").status());
        assertEquals(200, get(mode, plain, "if-none-match", "\"x\"").status());

        RangedResponse missing = RangedResponse.of(Response.text("gone").withStatus(404));
        TestResponse r = get(mode, missing, "range", "bytes=0-1");
        assertEquals(404, r.status());
        assertEquals("gone", r.text());
        assertEquals(Optional.empty(), r.header("accept-ranges"));
    }

    @Test
    void factoryAndView() {
        Response response = Response.text("x");
        assertEquals(response, RangedResponse.of(response).response());
        assertEquals(RangedResponse.of(response), RangedResponse.of(response).blocking().response());
        assertThrows(NullPointerException.class, () -> RangedResponse.of(null));
    }
}
