package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.http.Accept;

class ContentNegotiationTest {
    private static final AtomicInteger CALLS = new AtomicInteger();

    /** Streams the chosen type in two body events, with whether the parsed Accept was present. */
    private static final Application CHOSEN = (scope, receive, send) -> {
        CALLS.incrementAndGet();
        HttpScope http = (HttpScope) scope;
        String type = (String) http.attribute(ContentNegotiation.PREFERRED).orElseThrow();
        boolean present = ((Accept) http.attribute(ContentNegotiation.ACCEPT).orElseThrow()).isPresent();
        return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8(type), true)))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(" " + present))));
    };

    private static final ContentNegotiation API = ContentNegotiation.builder().supports("application/json")
            .supports("text/html").supports("text/plain").build();

    private static String chosen(ContentNegotiation mw, String accept) {
        var request = TestClient.of(mw.wrap(CHOSEN)).get("/");
        return (accept == null ? request : request.header("accept", accept)).send().text();
    }

    @Test
    void theAcceptableTypeWithTheHighestWeightThenSpecificityThenOrderIsChosen() {
        assertEquals("text/html true", chosen(API, "text/html"));
        assertEquals("text/plain true", chosen(API, "text/html;q=0.5, text/plain"));
        assertEquals("text/html true", chosen(API, "text/*"), "the first text type in configuration order");
        assertEquals("application/json true", chosen(API, "*/*"));
        assertEquals("text/plain true", chosen(API, "text/*;q=0.5, text/plain;q=0.9, */*;q=0.1"));
        assertTrue(chosen(API, null).startsWith("application/json "), "no Accept: anything goes");
    }

    @Test
    void byDefaultAnUnacceptableRequestGetsTheDefaultType() {
        assertEquals("application/json true", chosen(API, "image/png"));
        ContentNegotiation html = ContentNegotiation.builder().supports("application/json").supports("text/html")
                .defaultType("text/html").build();
        assertEquals("text/html true", chosen(html, "image/png"));
        assertEquals("application/json true", chosen(html, "application/*"));
    }

    @Test
    void strictAnswers406ListingTheSupportedTypesWithoutCallingTheApplication() {
        ContentNegotiation strict = ContentNegotiation.builder().supports("application/json").supports("text/html")
                .strict(true).build();
        TestClient client = TestClient.of(strict.wrap(CHOSEN));
        int before = CALLS.get();
        TestResponse res = client.get("/").header("accept", "image/png, text/html;q=0").send();
        assertEquals(406, res.status());
        assertEquals("Not Acceptable. Supported types: application/json, text/html", res.text());
        TestResponse head = client.head("/").header("accept", "image/png").send();
        assertEquals(406, head.status());
        assertEquals("", head.text());
        assertEquals(before, CALLS.get());
        assertEquals("text/html true", client.get("/").header("accept", "text/html").send().text());
    }

    @Test
    void aStreamedResponseAndHeadPassAsTheApplicationSendsThem() {
        TestClient client = TestClient.of(API.wrap(CHOSEN));
        TestResponse res = client.get("/").header("accept", "text/plain").send();
        assertEquals(List.of("text/plain", " true"), res.chunks().stream().map(Bytes::utf8)
                .filter(s -> !s.isEmpty()).toList());
        TestResponse head = client.head("/").header("accept", "text/plain").send();
        assertEquals(200, head.status());
        assertEquals("", head.text());
    }

    @Test
    void aBadConfigurationIsRefusedNamingTheOption() {
        for (var b : List.of(ContentNegotiation.builder(), ContentNegotiation.builder().supports("json"),
                ContentNegotiation.builder().supports("text/*"))) {
            var e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().startsWith("supportedTypes"), e.getMessage());
        }
        var d = assertThrows(IllegalArgumentException.class, () -> ContentNegotiation.builder()
                .supports("application/json").defaultType("text/html").build());
        assertTrue(d.getMessage().startsWith("defaultType"), d.getMessage());
    }

    @Test
    void webSocketSseAndLifespanPassThrough() {
        PassThrough.untouched(API, PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
    }
}
