package org.pagi.examples.endpointdemo;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * The endpoint-demo on a live server, in both execution modes: requests by the JDK's HTTP client, the echo by
 * its WebSocket, the stream read with the kit's {@code SseDecoder}. The page in a browser is
 * {@link EndpointDemoBrowserTest}.
 */
class EndpointDemoLiveServerTest extends EndpointDemoChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends EndpointDemoChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
