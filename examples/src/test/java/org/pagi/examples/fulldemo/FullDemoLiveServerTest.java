package org.pagi.examples.fulldemo;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/** full-demo on a live server in both execution modes. */
class FullDemoLiveServerTest extends FullDemoChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends FullDemoChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }
    }
}
