package org.pagi.examples.lifespanstate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of example 06 sees, over any transport (which runs the lifespan, as a server does). */
abstract class LifespanStateChecks extends ExampleChecks {

    @Test
    void greetsWithTheGreetingStoredAtStartup() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals("Hello from lifespan via shared state", response.text());
    }

    @Test
    void everyRequestSeesTheSameState() {
        ExampleClient client = serve(new App());
        for (int i = 0; i < 3; i++) {
            assertEquals("Hello from lifespan via shared state", client.send(ExampleRequest.get("/")).text());
        }
    }

    @Test
    void ignoresTheRequestBody() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.post("/", Bytes.utf8("ignored")));
        assertEquals("Hello from lifespan via shared state", response.text());
    }
}
