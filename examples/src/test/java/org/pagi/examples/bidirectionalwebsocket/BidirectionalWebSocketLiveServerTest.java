package org.pagi.examples.bidirectionalwebsocket;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/** The bidirectional-websocket example on a live server, through the JDK's WebSocket client, in both modes. */
@Timeout(30)
class BidirectionalWebSocketLiveServerTest extends BidirectionalWebSocketChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends BidirectionalWebSocketChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
