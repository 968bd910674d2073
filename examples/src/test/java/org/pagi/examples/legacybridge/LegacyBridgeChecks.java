package org.pagi.examples.legacybridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of example 09 sees, over any transport: the legacy handler's answer. */
abstract class LegacyBridgeChecks extends ExampleChecks {

    @Test
    void answersAGetWithAnEmptyBody() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals("HttpHandler says hi\nBody: ", response.text());
    }

    @Test
    void passesAPostBodyToTheHandler() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.post("/", Bytes.utf8("data=test")));
        assertEquals("HttpHandler says hi\nBody: data=test", response.text());
        assertEquals(Integer.toString(response.body().length()), response.header("content-length").orElseThrow());
    }

    @Test
    void streamsAChunkedBodyIn() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.post("/", Bytes.empty())
                .withBodyChunks(List.of(Bytes.utf8("one,"), Bytes.utf8("two,"), Bytes.utf8("thrée"))));
        assertEquals("HttpHandler says hi\nBody: one,two,thrée", response.text());
    }
}
