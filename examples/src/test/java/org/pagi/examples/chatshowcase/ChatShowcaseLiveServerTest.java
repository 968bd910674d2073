package org.pagi.examples.chatshowcase;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * The chat showcase on a live server, reached by the JDK's WebSocket and HTTP clients, in both of the server's
 * execution modes. The page in a real browser is {@link ChatShowcaseBrowserTest}.
 */
class ChatShowcaseLiveServerTest extends ChatShowcaseChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends ChatShowcaseChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
