package org.pagi.jmh.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;

/**
 * Each load program runs for about a second against a {@link BenchServer} in this JVM, with tiny parameters, and
 * counts something without errors: so a broken program fails the build. No figure is judged (STYLE §6).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadProgramsTest {

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void wsEchoLoadCountsSmallEchoes(ExecutionMode mode) throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, mode, 1)) {
            WsEchoLoad.Result r = WsEchoLoad.run(WsEchoLoad.Settings.parse("--url",
                    "ws://127.0.0.1:" + server.port() + "/", "--connections", "4", "--size", "64", "--window", "4",
                    "--seconds", "0.8", "--warmup", "0.2"));
            assertEquals(4, r.opened());
            assertEquals(0, r.errors(), r.firstError());
            assertTrue(r.echoes() > 0);
            assertTrue(r.p99Nanos() >= r.p50Nanos() && r.p50Nanos() > 0);
            assertTrue(r.resultLine().startsWith("RESULT program=ws-echo connections=4 opened=4 size=64 window=4 "),
                    r.resultLine());
        }
    }

    @Test
    void wsEchoLoadCountsLargeEchoes() throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, ExecutionMode.EVENT_LOOP, 1)) {
            WsEchoLoad.Result r = WsEchoLoad.run(WsEchoLoad.Settings.parse("--url",
                    "ws://127.0.0.1:" + server.port() + "/", "--connections", "2", "--size", "65536",
                    "--seconds", "0.8", "--warmup", "0.2"));
            assertEquals(1, r.settings().window(), "64 KiB messages default to one in flight");
            assertEquals(0, r.errors(), r.firstError());
            assertTrue(r.echoes() > 0);
            assertTrue(r.mibPerSecond() > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void sseLoadCountsEventsAndReopensEndedStreams(ExecutionMode mode) throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, mode, 1)) {
            SseLoad.Result r = SseLoad.run(SseLoad.Settings.parse("--url",
                    "http://127.0.0.1:" + server.port() + "/stream", "--streams", "20", "--events", "50", "--size",
                    "100", "--seconds", "0.8", "--warmup", "0.3"));
            assertEquals(20, r.opened());
            assertTrue(r.openNanos() > 0);
            assertEquals(0, r.errors(), r.firstError());
            assertTrue(r.events() > 0);
            assertTrue(r.completed() > 20, "streams of 50 events end and are asked for again: " + r.completed());
            assertTrue(r.resultLine().startsWith("RESULT program=sse streams=20 opened=20 events_per_stream=50 "),
                    r.resultLine());
        }
    }

    @Test
    void sseLoadCountsAWrongStatusAsAnError() throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, ExecutionMode.EVENT_LOOP, 1)) {
            SseLoad.Result r = SseLoad.run(SseLoad.Settings.parse("--url",
                    "http://127.0.0.1:" + server.port() + "/nowhere", "--streams", "2", "--seconds", "0.3",
                    "--warmup", "0"));
            assertEquals(0, r.events());
            assertTrue(r.errors() > 0);
            assertTrue(r.firstError().contains("status 404"), r.firstError());
        }
    }

    @Test
    void commandLinesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> WsEchoLoad.Settings.parse("--connections", "4"));
        assertThrows(IllegalArgumentException.class, () -> WsEchoLoad.Settings.parse("--url", "http://x/"));
        assertThrows(IllegalArgumentException.class,
                () -> WsEchoLoad.Settings.parse("--url", "ws://x/", "--size", "0"));
        assertThrows(IllegalArgumentException.class, () -> SseLoad.Settings.parse("--url", "http://x/s?n=1"));
        assertThrows(IllegalArgumentException.class,
                () -> SseLoad.Settings.parse("--url", "http://x/s", "--streams", "1", "--streams", "2"));
        assertThrows(IllegalArgumentException.class,
                () -> SseLoad.Settings.parse("--url", "http://x/s", "--seconds", "soon"));
        assertThrows(IllegalArgumentException.class, () -> BenchServer.mode("threads"));
        assertEquals(ExecutionMode.EVENT_LOOP, BenchServer.mode("event-loop"));
    }
}
