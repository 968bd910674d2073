package org.pagi.jmh.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.compliance.ConformanceApp;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/**
 * Each attack runs for about a second against a server in this JVM whose deadlines are a fraction of a second,
 * and must see what the server does to it: held, cut with a status, never an error of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttackLoadTest {
    private static final Duration SHORT = Duration.ofMillis(400);

    private static PagiServer server() throws Exception {
        return server(SHORT);
    }

    private static PagiServer server(Duration deadlines) throws Exception {
        return PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1").port(0).loops(1)
                .accessLog(false).headerTimeout(deadlines).bodyTimeout(deadlines)
                .shutdownGrace(Duration.ofSeconds(1)).build());
    }

    private static AttackLoad.Result attack(PagiServer server, String attack, int connections, double seconds)
            throws Exception {
        return AttackLoad.run(AttackLoad.Settings.parse("--port", String.valueOf(server.port()), "--attack", attack,
                "--connections", String.valueOf(connections), "--seconds", String.valueOf(seconds), "--interval",
                "0.05", "--settle", "0.2"));
    }

    @Test
    void slowlorisIsCutWith408AndReconnects() throws Exception {
        try (PagiServer server = server()) {
            AttackLoad.Result r = attack(server, "slowloris", 5, 1.5);
            assertEquals(0, r.errors().count(), r.errors().first());
            assertEquals(5, r.heldMax());
            assertTrue(r.cut() >= 5, r.resultLine());
            assertTrue(r.opened() > 5, "a cut connection is replaced: " + r.resultLine());
            assertTrue(r.statuses().getOrDefault(408, 0) >= 5, r.resultLine());
            assertTrue(r.resultLine().startsWith("RESULT program=attack attack=slowloris connections=5 "),
                    r.resultLine());
        }
    }

    @Test
    void slowBodyIsCutByTheBodyDeadline() throws Exception {
        try (PagiServer server = server()) {
            AttackLoad.Result r = AttackLoad.run(AttackLoad.Settings.parse("--port", String.valueOf(server.port()),
                    "--attack", "slow-body", "--connections", "3", "--seconds", "1.5", "--interval", "1"));
            assertEquals(0, r.errors().count(), r.errors().first());
            assertTrue(r.cut() >= 3, r.resultLine());
        }
    }

    @Test
    void noReadConnectionsAreHeldWhileTheirResponsesBackUp() throws Exception {
        try (PagiServer server = server()) {
            AttackLoad.Result r = attack(server, "no-read", 3, 1);
            assertEquals(0, r.errors().count(), r.errors().first());
            assertEquals(3, r.heldEnd(), r.resultLine());
            assertTrue(r.sentBytes() > 64 * 1024, r.resultLine());
        }
    }

    @Test
    void floodHoldsEveryConnectionTheServerAccepts() throws Exception {
        // Deadlines past the run: a connection cut at 400 ms that the loaded client saw established late would
        // count as refused (ended within 200 ms of it), and the 50 must all be open at one moment.
        try (PagiServer server = server(Duration.ofSeconds(10))) {
            AttackLoad.Result r = attack(server, "flood", 50, 0.8);
            assertEquals(0, r.errors().count(), r.errors().first());
            assertEquals(50, r.heldMax(), r.resultLine());
            assertEquals(0, r.refused(), r.resultLine());
        }
    }

    @Test
    void aRefusedConnectIsCountedNotAnError() throws Exception {
        int port;
        try (PagiServer server = server()) {
            port = server.port();
        }
        AttackLoad.Result r = AttackLoad.run(AttackLoad.Settings.parse("--port", String.valueOf(port), "--attack",
                "flood", "--connections", "2", "--seconds", "0.3", "--max-opens", "4"));
        assertEquals(4, r.refused(), r.resultLine());
        assertEquals(0, r.opened());
        assertEquals(0, r.errors().count(), r.errors().first());
    }

    @Test
    void commandLinesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> AttackLoad.Settings.parse("--port", "80"));
        assertThrows(IllegalArgumentException.class,
                () -> AttackLoad.Settings.parse("--port", "80", "--attack", "teardrop"));
        assertThrows(IllegalArgumentException.class,
                () -> AttackLoad.Settings.parse("--port", "80", "--attack", "flood", "--connections", "0"));
        assertEquals(Attack.SLOW_BODY,
                AttackLoad.Settings.parse("--port", "80", "--attack", "slow-body").attack());
    }
}
