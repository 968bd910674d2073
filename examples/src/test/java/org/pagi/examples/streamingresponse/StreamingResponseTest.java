package org.pagi.examples.streamingresponse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;

/** Example 02 through the in-process test client, plus what only an in-process test can see. */
class StreamingResponseTest extends StreamingResponseChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void declaresTrailersOnTheStartOnlyWhenItWillSendThem() {
        Recorder recorder = new Recorder(new App(Duration.ZERO));
        TestClient.of(recorder).get("/").header("te", "trailers").send();
        Headers plain = Headers.of("content-type", "text/plain");
        assertEquals(List.of(new HttpResponseStart(200, plain, true), HttpResponseBody.chunk(CHUNKS.get(0)),
                HttpResponseBody.chunk(CHUNKS.get(1)), HttpResponseBody.last(CHUNKS.get(2)),
                new HttpResponseTrailers(Headers.of("x-stream-complete", "1"))), recorder.sent());
    }

    @Test
    void stopsStreamingWhenTheClientDisconnectsDuringAPause() {
        // A pause far longer than the client's patience: the application must notice the disconnect, not sleep on.
        TestClient client = TestClient.builder(new App(Duration.ofMinutes(5))).timeout(Duration.ofSeconds(2)).build();
        StreamingResponse response = client.get("/").stream();
        assertEquals(Optional.of(CHUNKS.get(0)), response.nextChunk());
        response.disconnect();
        assertDoesNotThrow(response::close, "the application kept streaming after the client left");
        assertFalse(response.connection().isConnected());
    }

    @Test
    void refusesANegativePause() {
        assertThrows(IllegalArgumentException.class, () -> new App(Duration.ofMillis(-1)));
    }
}
