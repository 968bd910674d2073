package org.pagi.examples.jobrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * The job runner on a live server, in both execution modes: requests through the JDK's {@code HttpClient}, the
 * queue through its WebSocket client, progress read as an {@code EventSource} reads it. The page in a real browser
 * is {@link JobRunnerBrowserTest}.
 */
class JobRunnerLiveServerTest extends JobRunnerChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void theProgressStreamIsAnEventStreamAProxyPassesOnUnbuffered() {
        ExampleSessionClient client = runner();
        http(client).send(postJson("/api/jobs", "{\"job_type\":\"countdown\",\"params\":{\"seconds\":1}}"));
        steps.awaitEntered(1);
        try (ExampleSseStream stream = client.sse(ExampleRequest.get("/api/jobs/1/progress"))) {
            assertEquals("text/event-stream", stream.headers().first("content-type").orElseThrow());
            assertEquals("no-cache", stream.headers().first("cache-control").orElseThrow());
            assertEquals("no", stream.headers().first("x-accel-buffering").orElseThrow());
            assertEquals("status", stream.next().event());
            steps.release(1);
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends JobRunnerChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
