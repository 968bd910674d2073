package org.pagi.examples.extensionfullflush;

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
import org.pagi.spec.event.HttpFullFlush;

/**
 * Example 07 on a live server, read over a raw socket so each line shows as its own chunk, in both of the server's
 * execution modes; plus the flushes the application sends because this server advertises {@code fullflush}.
 */
class ExtensionFullflushLiveServerTest extends ExtensionFullflushChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void flushesAfterEveryLineButTheLastBecauseTheServerAdvertisesFullflush() {
        Recorder recorder = new Recorder(new App());
        try (LiveServerClient live = LiveServerClient.start(recorder, Wire.RAW_SOCKET)) {
            assertEquals(App.LINES, live.send(ExampleRequest.get("/")).chunks());
        }
        assertEquals(List.of(new HttpFullFlush(), new HttpFullFlush()),
                recorder.sent().stream().filter(HttpFullFlush.class::isInstance).toList());
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends ExtensionFullflushChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.EVENT_LOOP);
        }
    }
}
