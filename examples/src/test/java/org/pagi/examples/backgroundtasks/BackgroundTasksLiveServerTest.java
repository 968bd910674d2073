package org.pagi.examples.backgroundtasks;

import org.junit.jupiter.api.Nested;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/** background-tasks on a live server in both execution modes. */
class BackgroundTasksLiveServerTest extends BackgroundTasksChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends BackgroundTasksChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }
    }
}
