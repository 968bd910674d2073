package org.pagi.examples.extensionfullflush;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;

/** Example 07 through the in-process test client, where the flushes themselves can be seen. */
class ExtensionFullflushTest extends ExtensionFullflushChecks {
    private static final HttpResponseStart START = new HttpResponseStart(200, Headers.of("content-type", "text/plain"));

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void flushesAfterEveryChunkButTheLastWhenTheServerAdvertisesFullflush() {
        Recorder recorder = new Recorder(new App());
        TestClient.builder(recorder).extensions(Extensions.none().with(Extensions.FULLFLUSH)).build().get("/").send();
        assertEquals(List.of(START, HttpResponseBody.chunk(App.LINES.get(0)), new HttpFullFlush(),
                HttpResponseBody.chunk(App.LINES.get(1)), new HttpFullFlush(), HttpResponseBody.last(App.LINES.get(2))),
                recorder.sent());
    }

    @Test
    void neverFlushesWhenTheServerDoesNotAdvertiseFullflush() {
        // Without the extension an http.fullflush would fail its send, and the client would rethrow it here.
        Recorder recorder = new Recorder(new App());
        TestClient.builder(recorder).extensions(Extensions.none()).build().get("/").send();
        assertEquals(List.of(START, HttpResponseBody.chunk(App.LINES.get(0)), HttpResponseBody.chunk(App.LINES.get(1)),
                HttpResponseBody.last(App.LINES.get(2))), recorder.sent());
    }
}
