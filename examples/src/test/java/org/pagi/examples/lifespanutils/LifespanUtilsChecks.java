package org.pagi.examples.lifespanutils;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;

/** What a client of example 14 sees, and when the hooks run, over any transport. */
abstract class LifespanUtilsChecks extends ExampleChecks {

    @Test
    void answersWithPlainTextHello() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals("Hello from PAGI!", response.text());
    }

    @Test
    void runsStartupBeforeServingAndShutdownWhenTheServerStops() {
        List<String> log = new CopyOnWriteArrayList<>();
        try (ExampleClient client = start(new App(log::add))) {
            assertEquals(List.of("doing startup"), log);
            assertEquals(200, client.send(ExampleRequest.get("/any")).status());
            assertEquals(List.of("doing startup"), log, "a request runs no hook");
        }
        assertEquals(List.of("doing startup", "doing shutdown"), log);
    }
}
