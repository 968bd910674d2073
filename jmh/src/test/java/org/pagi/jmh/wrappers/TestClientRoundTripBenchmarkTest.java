package org.pagi.jmh.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.testing.SseMessage;
import org.pagi.testing.TestResponse;

/** Each test client benchmark completes the exchange it claims to measure, again and again. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestClientRoundTripBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"virtual-thread", "inline"})
    void everyRoundTripReadsItsAnswer(String mode) {
        TestClientRoundTripBenchmark bench = new TestClientRoundTripBenchmark();
        bench.mode = mode;
        bench.openSession();
        try {
            for (int i = 0; i < 3; i++) {
                TestResponse response = bench.httpGet();
                assertEquals(200, response.status());
                assertEquals("ok", response.text());
                assertEquals("ping", bench.websocketEcho());
                assertEquals("ping", bench.websocketSession());
                assertEquals(SseMessage.of("xxxxx"), bench.sseOneEvent());
            }
        } finally {
            bench.closeSession();
        }
    }
}
