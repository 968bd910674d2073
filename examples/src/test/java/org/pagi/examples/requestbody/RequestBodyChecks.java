package org.pagi.examples.requestbody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of example 03 sees, over any transport. */
abstract class RequestBodyChecks extends ExampleChecks {

    private ExampleClient client() {
        return serve(new App());
    }

    @Test
    void answersWithThePostedText() {
        ExampleResponse response = client().send(ExampleRequest.post("/", Bytes.utf8("Hello, PAGI!")));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals("You sent: Hello, PAGI!", response.text());
    }

    @Test
    void answersWithJsonVerbatim() {
        ExampleRequest json = ExampleRequest.post("/", Bytes.utf8("{\"message\":\"test\"}"))
                .withHeader("content-type", "application/json");
        assertEquals("You sent: {\"message\":\"test\"}", client().send(json).text());
    }

    @Test
    void joinsABodySentInSeveralChunks() {
        ExampleRequest chunked = ExampleRequest.post("/", Bytes.empty())
                .withBodyChunks(List.of(Bytes.utf8("Hello"), Bytes.utf8(", "), Bytes.utf8("PAGI!")));
        assertEquals("You sent: Hello, PAGI!", client().send(chunked).text());
    }

    @Test
    void keepsTheBodyBytesAsTheyWereSent() {
        Bytes binary = Bytes.of(new byte[] {0, (byte) 0xFF, (byte) 0xC3, 10, 13, 127});
        ExampleResponse response = client().send(ExampleRequest.post("/upload", binary));
        assertEquals(Bytes.utf8("You sent: ").concat(binary), response.body());
    }

    @Test
    void saysSoWhenThePostIsEmpty() {
        assertEquals("No body provided", client().send(ExampleRequest.post("/", Bytes.empty())).text());
    }

    @Test
    void saysSoWhenTheRequestHasNoBody() {
        ExampleResponse response = client().send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("No body provided", response.text());
    }
}
