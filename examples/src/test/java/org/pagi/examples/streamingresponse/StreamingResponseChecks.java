package org.pagi.examples.streamingresponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/** What a client of example 02 sees, over any transport. */
abstract class StreamingResponseChecks extends ExampleChecks {
    static final List<Bytes> CHUNKS =
            List.of(Bytes.utf8("Chunk 1\n"), Bytes.utf8("Chunk 2\n"), Bytes.utf8("Chunk 3\n"));

    /** Short pauses keep the checks fast; the default second is for watching with {@code curl -N}. */
    ExampleClient client() {
        return serve(new App(Duration.ofMillis(5)));
    }

    @Test
    void streamsThreeChunksInOrder() {
        ExampleResponse response = client().send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals(CHUNKS, response.chunks());
    }

    @Test
    void sendsNoTrailersWhenTheClientDoesNotAcceptThem() {
        ExampleResponse response = client().send(ExampleRequest.get("/"));
        assertTrue(response.trailers().isEmpty(), "trailers: " + response.trailers());
    }

    @Test
    void endsWithTheStreamCompleteTrailerWhenTheClientAcceptsTrailers() {
        ExampleResponse response = client().send(ExampleRequest.get("/").withHeader("te", "trailers"));
        assertEquals(CHUNKS, response.chunks());
        assertEquals(Headers.of("x-stream-complete", "1"), response.trailers());
    }

    @Test
    void findsTheTrailersTokenInAListInAnyCase() {
        ExampleResponse response = client().send(ExampleRequest.get("/").withHeader("te", "deflate;q=0.5, Trailers"));
        assertEquals(Headers.of("x-stream-complete", "1"), response.trailers());
    }

    @Test
    void readsTheRequestBodyBeforeStreaming() {
        ExampleRequest upload = ExampleRequest.post("/", Bytes.empty())
                .withBodyChunks(List.of(Bytes.utf8("a"), Bytes.utf8("b"), Bytes.utf8("c")));
        assertEquals(CHUNKS, client().send(upload).chunks());
    }

    @Test
    void pausesBetweenChunks() {
        Duration pause = Duration.ofMillis(100);
        ExampleClient slow = serve(new App(pause));
        long started = System.nanoTime();
        slow.send(ExampleRequest.get("/"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(pause.multipliedBy(2)) >= 0, "two pauses of " + pause + " took " + took);
    }
}
