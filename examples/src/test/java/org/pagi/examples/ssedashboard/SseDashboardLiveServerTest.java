package org.pagi.examples.ssedashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * The sse-dashboard on a live server, read by the JDK's HTTP client with the kit's {@code SseDecoder} as an
 * {@code EventSource} reads it, in both of the server's execution modes. The page in a real browser is
 * {@link SseDashboardBrowserTest}.
 */
class SseDashboardLiveServerTest extends SseDashboardChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void theStreamIsAnEventStreamTheServerKeepsUnbuffered() {
        try (ExampleSseStream stream = serve(dashboard().build()).sse(events())) {
            assertEquals("text/event-stream", stream.headers().first("content-type").orElseThrow());
            assertEquals("no-cache", stream.headers().first("cache-control").orElseThrow());
            assertEquals(1, connected(stream));
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends SseDashboardChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
