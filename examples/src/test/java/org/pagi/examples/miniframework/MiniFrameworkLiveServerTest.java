package org.pagi.examples.miniframework;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/** The mini-framework example on a live server, read by the JDK's HTTP client, in both execution modes. */
class MiniFrameworkLiveServerTest extends MiniFrameworkChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends MiniFrameworkChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }
    }
}
