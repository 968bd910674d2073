package org.pagi.jmh.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.testing.SseMessage;
import org.pagi.testing.TestResponse;

/** Each test client benchmark completes the exchange it claims to measure, again and again. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestClientRoundTripBenchmarkTest {

    @Test
    void everyRoundTripReadsItsAnswer() {
        TestClientRoundTripBenchmark bench = new TestClientRoundTripBenchmark();
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
