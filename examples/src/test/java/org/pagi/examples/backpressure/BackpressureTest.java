package org.pagi.examples.backpressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** The backpressure-test example through the in-process test client, plus its settings. */
class BackpressureTest extends BackpressureChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void sendsOneBodyEventPerChunk() {
        TestResponse response = TestClient.of(new App(new StreamOptions(true, 1000, 10))).get("/stream/1").send();
        assertEquals(1049, response.chunks().size());
        assertEquals(576, response.chunks().getLast().length());
    }

    @Test
    void readsUpstreamsEnvironmentVariables() {
        assertEquals(new StreamOptions(false, 4096, 10), StreamOptions.fromEnvironment(Map.of()));
        assertEquals(new StreamOptions(true, 512, 3), StreamOptions.fromEnvironment(
                Map.of("PAGI_BACKPRESSURE_TEST", "1", "PAGI_CHUNK_SIZE", "512", "PAGI_STREAM_MB", "3")));
        assertFalse(StreamOptions.fromEnvironment(Map.of("PAGI_BACKPRESSURE_TEST", "yes")).enabled());
    }

    @Test
    void refusesBadSettingsByName() {
        assertMessage("PAGI_CHUNK_SIZE must be a whole number, got 'big'", Map.of("PAGI_CHUNK_SIZE", "big"));
        assertMessage("PAGI_CHUNK_SIZE must be 1 or more bytes, got 0", Map.of("PAGI_CHUNK_SIZE", "0"));
        assertMessage("PAGI_STREAM_MB must be 1 to 1000, got 1001", Map.of("PAGI_STREAM_MB", "1001"));
    }

    @Test
    void thePatternHasNoLongRuns() {
        byte[] bytes = App.pattern(4096).toByteArray();
        for (int i = 1; i < bytes.length; i++) {
            assertTrue(bytes[i] != bytes[i - 1], "byte " + i + " repeats the one before");
        }
    }

    private static void assertMessage(String message, Map<String, String> env) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> StreamOptions.fromEnvironment(env)).getMessage());
    }
}
