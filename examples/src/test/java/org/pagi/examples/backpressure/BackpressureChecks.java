package org.pagi.examples.backpressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of the backpressure-test example sees, over any transport. */
abstract class BackpressureChecks extends ExampleChecks {
    static final int MIB = 1024 * 1024;

    @Test
    void describesItsSettings() {
        ExampleResponse response = serve(new App(new StreamOptions(false, 4096, 10))).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertTrue(response.text().startsWith("PAGI Backpressure Test Server\n"), response.text());
        assertTrue(response.text().contains("Test endpoint enabled: NO\nChunk size: 4096 bytes\n"
                + "Default stream size: 10MB\n"), response.text());
    }

    @Test
    void refusesToStreamUnlessEnabled() {
        ExampleResponse response = serve(new App(new StreamOptions(false, 4096, 10))).send(ExampleRequest.get("/stream"));
        assertEquals(403, response.status());
        assertEquals("Stress test disabled. Set PAGI_BACKPRESSURE_TEST=1 to enable.\n", response.text());
    }

    @Test
    void streamsTheDefaultSizeInChunksOfThePattern() {
        ExampleResponse response = serve(new App(new StreamOptions(true, 4096, 1))).send(ExampleRequest.get("/stream"));
        assertEquals(200, response.status());
        assertEquals("application/octet-stream", response.header("content-type").orElseThrow());
        assertEquals(Integer.toString(MIB), response.header("x-stream-size").orElseThrow());
        assertEquals("4096", response.header("x-chunk-size").orElseThrow());
        assertEquals("256", response.header("x-chunk-count").orElseThrow());
        assertEquals(repeated(App.pattern(4096), MIB), response.body());
    }

    @Test
    void streamsTheAskedSizeWithAShortLastChunk() {
        ExampleResponse response = serve(new App(new StreamOptions(true, 1000, 10))).send(ExampleRequest.get("/stream/2"));
        assertEquals(Integer.toString(2 * MIB), response.header("x-stream-size").orElseThrow());
        assertEquals("2098", response.header("x-chunk-count").orElseThrow(), "2097 whole chunks and 152 bytes");
        assertEquals(repeated(App.pattern(1000), 2 * MIB), response.body());
    }

    @Test
    void clampsZeroToOneMebibyte() {
        ExampleResponse response = serve(new App(new StreamOptions(true, 4096, 10))).send(ExampleRequest.get("/stream/0"));
        assertEquals(MIB, response.body().length());
    }

    @Test
    void answersOtherPathsWithNotFound() {
        ExampleResponse response = serve(new App(new StreamOptions(true, 4096, 10))).send(ExampleRequest.get("/nope"));
        assertEquals(404, response.status());
        assertEquals("Not found: /nope\n", response.text());
    }

    /** @return {@code chunk} repeated up to {@code length} bytes, the last copy cut short */
    static Bytes repeated(Bytes chunk, int length) {
        byte[] out = new byte[length];
        byte[] one = chunk.toByteArray();
        for (int i = 0; i < length; i += one.length) {
            System.arraycopy(one, 0, out, i, Math.min(one.length, length - i));
        }
        return Bytes.of(out);
    }
}
