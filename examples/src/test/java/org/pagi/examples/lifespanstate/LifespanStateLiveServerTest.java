package org.pagi.examples.lifespanstate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.examples.support.Recorder;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;
import org.pagi.spec.event.LifespanEvent;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;

/**
 * Example 06 on a live server, which runs the lifespan around the requests, read by the JDK's HTTP client (one
 * keep-alive connection for every request of a check), in both of the server's execution modes.
 */
class LifespanStateLiveServerTest extends LifespanStateChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void completesStartupBeforeServingAndShutdownWhenTheServerStops() {
        Recorder recorder = new Recorder(new App());
        try (LiveServerClient live = LiveServerClient.start(recorder, Wire.JDK_HTTP_CLIENT)) {
            assertEquals(List.of(new LifespanStartupComplete()), lifespanEvents(recorder));
            live.send(ExampleRequest.get("/"));
        }
        assertEquals(List.of(new LifespanStartupComplete(), new LifespanShutdownComplete()), lifespanEvents(recorder));
    }

    private static List<LifespanEvent> lifespanEvents(Recorder recorder) {
        return recorder.sent().stream().filter(LifespanEvent.class::isInstance).map(LifespanEvent.class::cast).toList();
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends LifespanStateChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }
    }
}
