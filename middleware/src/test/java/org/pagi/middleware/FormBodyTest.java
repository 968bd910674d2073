package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

class FormBodyTest {

    /** Answers the parsed fields from the scope, then the raw body it reads again itself. */
    private static Application show(AtomicInteger calls) {
        return (scope, receive, send) -> {
            calls.incrementAndGet();
            HttpScope http = (HttpScope) scope;
            String parsed = http.attribute(FormBody.PARSED_BODY).map(p -> ((QueryParams) p).asMap().toString())
                    .orElse("-");
            return Request.of(http, receive).text().thenCompose(raw -> Response.text(parsed + " | " + raw)
                    .respond(scope, send));
        };
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void aFormIsParsedIntoTheScopeAndTheBodyStaysReadable() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(FormBody.builder().build().wrap(show(calls)));
        assertEquals("{name=[Ann Lee], tag=[a]} | name=Ann+Lee&tag=a",
                client.post("/").form(fields("name", "Ann Lee", "tag", "a")).send().text());
        assertEquals("- | plain", client.post("/").text("plain").send().text(), "other types pass untouched");
        assertEquals(2, calls.get());
    }

    @Test
    void overTheLimitsIs413WithoutCallingTheApplication() {
        AtomicInteger calls = new AtomicInteger();
        FormBody small = FormBody.builder().limits(BodyLimits.DEFAULTS.withMaxBodyBytes(10)).build();
        TestClient client = TestClient.of(small.wrap(show(calls)));
        assertEquals(413, client.post("/").form(fields("name", "a long value")).send().status());
        FormBody few = FormBody.builder().limits(BodyLimits.DEFAULTS.withMaxFields(2)).build();
        TestResponse many = TestClient.of(few.wrap(show(calls))).post("/").form(fields("a", "1", "b", "2", "c", "3"))
                .send();
        assertEquals(413, many.status());
        assertTrue(many.text().contains("field"), many.text());
        assertEquals(0, calls.get());
        assertEquals("{a=[1]} | a=1", client.post("/").form(fields("a", "1")).send().text());
    }

    @Test
    void byDefaultTheRequestsOwnLimitsApplySoBodyLimitOutsideSetsThem() {
        AtomicInteger calls = new AtomicInteger();
        Application app = MiddlewareStack.builder().enable(BodyLimit.builder().maxBodyBytes(8).build())
                .enable(FormBody.builder().build()).build(show(calls));
        TestResponse chunked = TestClient.of(app).post("/").header("content-type",
                "application/x-www-form-urlencoded").bodyChunks(List.of(Bytes.utf8("a=12345"), Bytes.utf8("6789")))
                .send();
        assertEquals(413, chunked.status(), "the chunked body had no Content-Length for BodyLimit to refuse");
        assertEquals(0, calls.get());
    }

    @Test
    void headAndAStreamedResponsePassUntouched() {
        TestClient client = TestClient.of(FormBody.builder().build().wrap(SecurityHeadersTest.streamed()));
        TestResponse res = client.post("/").form(fields("a", "1")).send();
        assertEquals(List.of("one ", "two"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty())
                .toList());
        assertEquals(200, client.head("/").send().status());
        PassThrough.untouched(FormBody.builder().build(), PassThrough.Kind.values());
    }
}
