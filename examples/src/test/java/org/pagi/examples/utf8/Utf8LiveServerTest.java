package org.pagi.examples.utf8;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/** Example 12 on a live server: the path decoded by the server's own parser, read by the JDK's HTTP client. */
class Utf8LiveServerTest extends Utf8Checks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends Utf8Checks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }
    }
}
