package org.pagi.examples.hellohttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of example 01 sees, over any transport. */
abstract class HelloHttpChecks extends ExampleChecks {

    @Test
    void answersGetWithPlainTextHello() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals("Hello from PAGI", response.text());
    }

    @Test
    void answersEveryMethodAndPathTheSame() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.post("/any/where?x=1", Bytes.utf8("ignored")));
        assertEquals(200, response.status());
        assertEquals("Hello from PAGI", response.text());
    }
}
