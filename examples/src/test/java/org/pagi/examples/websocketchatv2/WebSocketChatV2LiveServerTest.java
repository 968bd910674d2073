package org.pagi.examples.websocketchatv2;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * websocket-chat-v2 on a live server, reached by the JDK's WebSocket and HTTP clients, in both of the server's
 * execution modes. The page in a real browser is {@link WebSocketChatV2BrowserTest}.
 */
class WebSocketChatV2LiveServerTest extends WebSocketChatV2Checks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends WebSocketChatV2Checks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
