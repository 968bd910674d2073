package org.pagi.examples.websocketechov2;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/** websocket-echo-v2 on a live server, reached by the JDK's WebSocket client, in both execution modes. */
class WebSocketEchoV2LiveServerTest extends WebSocketEchoV2Checks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends WebSocketEchoV2Checks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
