package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.cli.Command;
import org.pagi.server.cli.CommandLine;
import org.pagi.server.cli.UsageException;
import org.pagi.server.tls.TestCertificates;
import org.pagi.server.transport.ConnectionSlots;

/**
 * Floods over real sockets: the open-connection limit (503 or a quick close beyond it), the per-connection request
 * limit, and the listen backlog reaching the kernel.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerFloodTest {
    private static final String GET = "GET /x HTTP/1.1\r\nhost: t\r\n\r\n";

    private static LiveServer server(ServerConfig.Builder config) throws IOException {
        return new LiveServer(TestApps.ECHO_PATH, config.loops(2).shutdownGrace(Duration.ofSeconds(2)));
    }

    /** Waits for {@code condition}, failing after 5 s. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Opens {@code n} connections and has each served once, so that each surely holds a slot. */
    private static List<RawConnection> held(LiveServer s, int n) throws Exception {
        List<RawConnection> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawConnection c = s.connect();
            list.add(c);
            assertEquals(200, c.send(GET).read().status());
        }
        await(n + " open connections", () -> s.server.openConnections() == n);
        return list;
    }

    private static void closeAll(List<RawConnection> list) throws IOException {
        for (RawConnection c : list) {
            c.close();
        }
    }

    /** @return what a connection beyond the limit receives for a request, read until the server's close */
    private static String refused(LiveServer s) throws IOException {
        try (RawConnection c = s.connect()) {
            return new String(c.send(GET).readToClose(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Asserts that a connection beyond the limit is closed (FIN or reset) without a byte of answer. */
    private static void assertClosedAtOnce(LiveServer s) throws IOException {
        assertEquals("", answerBeforeClose(s), "closed without an answer");
    }

    /** @return what a new connection receives for a request before the server's close ("" for a reset) */
    private static String answerBeforeClose(LiveServer s) throws IOException {
        try (RawConnection c = s.connect()) {
            try {
                return new String(c.send(GET).readToClose(), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketException reset) {
                return ""; // the request reached a socket closed unread: a reset, which is a close too
            }
        }
    }

    /**
     * Opens {@link ConnectionSlots#REFUSALS_IN_PROGRESS} silent connections beyond the limit, then one more.
     *
     * @return what the one more received; null when it all took over a second, the time a silent refusal waits
     *     for a request head (the first refusals may have ended, so the count was not reached)
     */
    private static String answerBeyondTheRefusalsInProgress(LiveServer s) throws IOException {
        long began = System.nanoTime();
        List<RawConnection> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < ConnectionSlots.REFUSALS_IN_PROGRESS; i++) {
                waiting.add(s.connect());
            }
            String answer = answerBeforeClose(s);
            return System.nanoTime() - began < TimeUnit.SECONDS.toNanos(1) ? answer : null;
        } finally {
            closeAll(waiting);
        }
    }

    /** What a client does on its connection. */
    @FunctionalInterface
    private interface Client {
        void run(RawConnection c) throws Exception;
    }

    /** Runs {@code client} on a connection beyond a limit of one; then the open connection is still served. */
    private static void beyondALimitOfOne(Client client) throws Exception {
        try (LiveServer s = server(ServerConfig.builder().maxConnections(1))) {
            List<RawConnection> open = held(s, 1);
            try (RawConnection c = s.connect()) {
                client.run(c);
            }
            assertEquals(200, open.get(0).send(GET).read().status());
            assertEquals(1, s.server.openConnections());
            closeAll(open);
        }
    }

    private static void assertServiceUnavailable(String raw) {
        assertTrue(raw.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), raw);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.contains("\r\nretry-after: 1"), raw);
        assertTrue(head.contains("\r\nconnection: close"), raw);
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertTrue(head.contains("\r\ncontent-length: " + body.length()), "the whole body arrived: " + raw);
        assertTrue(body.contains("limit of open connections"), raw);
    }

    @Nested
    class MaxConnections {
        @Test
        void answersConnectionsBeyondTheLimitWith503WhileTheOpenOnesAreServed() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxConnections(2))) {
                List<RawConnection> open = held(s, 2);
                assertServiceUnavailable(refused(s));
                assertServiceUnavailable(refused(s));
                for (RawConnection c : open) {
                    RawConnection.Response r = c.send(GET).read();
                    assertEquals(200, r.status());
                    assertEquals("GET /x", r.text());
                }
                assertEquals(2, s.server.openConnections(), "refused connections are never counted as open");
                closeAll(open);
            }
        }

        @Test
        void acceptsAgainUpToTheLimitOnceConnectionsClose() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxConnections(3))) {
                List<RawConnection> first = held(s, 3);
                assertServiceUnavailable(refused(s));
                first.get(0).close();
                await("a slot is given back", () -> s.server.openConnections() == 2);
                try (RawConnection again = s.connect()) {
                    assertEquals(200, again.send(GET).read().status());
                    assertServiceUnavailable(refused(s));
                }
                closeAll(first);
                await("every connection closed", () -> s.server.openConnections() == 0);
                List<RawConnection> second = held(s, 3);
                assertServiceUnavailable(refused(s));
                closeAll(second);
            }
        }

        @Test
        void drainsWhatARefusedClientStillSendsSoThatItsWritesDoNotFail() throws Exception {
            beyondALimitOfOne(c -> {
                c.send("POST /upload HTTP/1.1\r\nhost: t\r\ncontent-length: 32768\r\n\r\n");
                String head = c.readUntil("\r\n\r\n");
                assertTrue(head.startsWith("HTTP/1.1 503 "), head);
                // an upload already under way goes on; without the drain these writes meet a reset
                for (int i = 0; i < 4; i++) {
                    c.send(new byte[8 * 1024]);
                }
                assertTrue(c.readUntil("\n").contains("limit of open connections"));
                assertTrue(c.closedByServer());
            });
        }

        @Test
        void answersAHeadThatStopsAfterItsRequestLineAtTheReadDeadline() throws Exception {
            beyondALimitOfOne(c -> assertServiceUnavailable(new String(c.send("GET /slow HTTP/1.1\r\nhost: t\r\n")
                    .readToClose(), StandardCharsets.ISO_8859_1)));
        }

        @Test
        void closesAConnectionBeyondTheLimitThatSendsNothing() throws Exception {
            beyondALimitOfOne(c -> assertEquals(0, c.readToClose().length, "closed without an answer (within 5 s)"));
        }

        @Test
        void aFloodBeyondTheLimitIsRefusedAndTheOpenConnectionsKeepBeingServed() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxConnections(4));
                    ExecutorService clients = Executors.newFixedThreadPool(8)) {
                List<RawConnection> open = held(s, 4);
                List<Future<String>> flood = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    flood.add(clients.submit(() -> refused(s)));
                }
                for (int round = 0; round < 3; round++) {
                    for (RawConnection c : open) {
                        assertEquals(200, c.send(GET).read().status());
                    }
                }
                for (Future<String> f : flood) {
                    assertServiceUnavailable(f.get(10, TimeUnit.SECONDS));
                }
                assertEquals(4, s.server.openConnections());
                closeAll(open);
                await("every connection closed", () -> s.server.openConnections() == 0);
                closeAll(held(s, 4));
            }
        }

        @Test
        void closesAtOnceBeyondTheRefusalsInProgress() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxConnections(1))) {
                List<RawConnection> open = held(s, 1);
                // A loaded machine may open them too slowly to have them all in progress at once: try again.
                String answer = null;
                for (int attempt = 0; attempt < 3 && answer == null; attempt++) {
                    answer = answerBeyondTheRefusalsInProgress(s);
                }
                assertTrue(answer != null, "never had the refusals in progress at once: too slow to open them");
                assertEquals("", answer, "closed without an answer");
                assertEquals(200, open.get(0).send(GET).read().status());
                closeAll(open);
            }
        }

        @Test
        void aTlsListenerClosesConnectionsBeyondTheLimitAtOnce() throws Exception {
            ServerConfig.Builder tls = ServerConfig.builder().maxConnections(1)
                    .tls(TestCertificates.get().serverPem().build());
            try (LiveServer s = server(tls); RawConnection first = s.connect()) {
                await("the first connection holds the slot", () -> s.server.openConnections() == 1);
                assertClosedAtOnce(s); // no cleartext 503 on a TLS port
                assertEquals(1, s.server.openConnections());
            }
        }

        @Test
        void zeroMeansNoLimitAndANegativeLimitIsRejectedByName() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxConnections(0))) {
                closeAll(held(s, 20));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerConfig.builder().maxConnections(-1).build());
            assertTrue(e.getMessage().startsWith("maxConnections"), e.getMessage());
        }
    }

    @Nested
    class MaxRequestsPerConnection {
        @Test
        void theNthResponseClosesTheConnection() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxRequestsPerConnection(3));
                    RawConnection c = s.connect()) {
                for (int i = 1; i <= 2; i++) {
                    RawConnection.Response r = c.send(GET).read();
                    assertEquals(200, r.status());
                    assertTrue(r.keepAlive(), "response " + i + " keeps the connection");
                }
                RawConnection.Response last = c.send(GET).read();
                assertEquals(200, last.status());
                assertEquals("close", last.headers().first("connection").orElseThrow());
                assertTrue(c.closedByServer(), "closed after the third response");
            }
        }

        @Test
        void pipelinedRequestsBeyondTheLimitGetNoAnswerAndSeeTheClose() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxRequestsPerConnection(2));
                    RawConnection c = s.connect()) {
                String raw = new String(c.send(GET.repeat(5)).readToClose(), StandardCharsets.ISO_8859_1);
                List<String> statuses = Pattern.compile("HTTP/1\\.1 \\d{3}").matcher(raw).results()
                        .map(java.util.regex.MatchResult::group).toList();
                assertEquals(List.of("HTTP/1.1 200", "HTTP/1.1 200"), statuses, raw);
                String second = raw.substring(raw.lastIndexOf("HTTP/1.1"));
                assertTrue(second.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"), raw);
            }
        }

        @Test
        void zeroMeansNoLimitAndANegativeLimitIsRejectedByName() throws Exception {
            try (LiveServer s = server(ServerConfig.builder().maxRequestsPerConnection(0));
                    RawConnection c = s.connect()) {
                for (int i = 0; i < 1100; i++) {
                    assertTrue(c.send(GET).read().keepAlive(), "request " + i);
                }
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerConfig.builder().maxRequestsPerConnection(-1).build());
            assertTrue(e.getMessage().startsWith("maxRequestsPerConnection"), e.getMessage());
        }

        @Test
        void theDefaultIsNginxsThousand() throws Exception {
            try (LiveServer s = server(ServerConfig.builder()); RawConnection c = s.connect()) {
                for (int i = 1; i < 1000; i++) {
                    assertTrue(c.send(GET).read().keepAlive(), "request " + i);
                }
                assertFalse(c.send(GET).read().keepAlive(), "request 1000 closes");
                assertTrue(c.closedByServer());
            }
        }
    }

    @Nested
    class Backlog {
        @Test
        void reachesTheListeningSocket() throws Exception {
            Path ss = Stream.of("/usr/bin/ss", "/bin/ss", "/usr/sbin/ss", "/sbin/ss").map(Path::of)
                    .filter(Files::isExecutable).findFirst().orElse(null);
            assumeTrue(ss != null, "ss (iproute2) is not installed: the backlog cannot be read from the kernel");
            int somaxconn = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/core/somaxconn")).trim());
            int backlog = Math.min(77, somaxconn);
            try (LiveServer s = server(ServerConfig.builder().backlog(backlog))) {
                assertEquals(backlog, listenQueueLimit(ss, s.port()));
            }
        }

        /** @return the Send-Q column of the LISTEN socket on {@code port}: its backlog */
        private static int listenQueueLimit(Path ss, int port) throws Exception {
            Process p = new ProcessBuilder(ss.toString(), "-ltnH", "sport = :" + port).redirectErrorStream(true)
                    .start();
            try {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "ss finished");
                // State Recv-Q Send-Q Local:Port Peer:Port
                Matcher m = Pattern.compile("(?m)^LISTEN\\s+\\d+\\s+(\\d+)\\s+\\S+:" + port + "\\s").matcher(out);
                assertTrue(m.find(), "a LISTEN line for port " + port + " in: " + out);
                return Integer.parseInt(m.group(1));
            } finally {
                p.destroy();
            }
        }
    }

    @Nested
    class Options {
        private ServerConfig config(String... options) throws UsageException {
            List<String> args = new ArrayList<>(List.of("--app", "com.example.App"));
            args.addAll(List.of(options));
            return ((Command.Serve) CommandLine.parse(args.toArray(String[]::new))).config();
        }

        @Test
        void setTheLimits() throws UsageException {
            ServerConfig c = config("--max-connections", "5", "--max-requests-per-connection", "0");
            assertEquals(5, c.maxConnections());
            assertEquals(0, c.maxRequestsPerConnection());
            ServerConfig d = config();
            assertEquals(10_000, d.maxConnections());
            assertEquals(1000, d.maxRequestsPerConnection());
        }

        @Test
        void rejectNegativeValuesByName() {
            UsageException e = assertThrows(UsageException.class, () -> config("--max-connections", "-1"));
            assertTrue(e.getMessage().contains("--max-connections"), e.getMessage());
            e = assertThrows(UsageException.class, () -> config("--max-requests-per-connection", "x"));
            assertTrue(e.getMessage().contains("--max-requests-per-connection"), e.getMessage());
        }

        @Test
        void areInTheHelp() {
            assertTrue(CommandLine.help().contains("--max-connections N"), CommandLine.help());
            assertTrue(CommandLine.help().contains("--max-requests-per-connection N"), CommandLine.help());
        }
    }
}
