package org.pagi.examples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ServerInstance}: a server in a JVM of its own that answers, crashes when killed and stops when closed. */
@Timeout(120)
class ServerInstanceTest {
    private static final String HELLO = "org.pagi.examples.hellohttp.App";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersUntilKilledThenItsPortRefusesConnections() throws Exception {
        try (ServerInstance instance = ServerInstance.of(HELLO).options("--loops", "1").start()) {
            HttpResponse<String> res = get(instance, "/");
            assertEquals(200, res.statusCode(), instance.output());
            assertEquals("Hello from PAGI", res.body());
            assertTrue(ProcessHandle.of(instance.pid()).map(ProcessHandle::isAlive).orElse(false),
                    "the PID is the running server's");
            assertTrue(instance.output().contains(HELLO), "the banner is in the output file:\n" + instance.output());
            instance.kill();
            assertFalse(instance.isAlive());
            assertEquals(128 + 9, instance.exitValue(), "killed by SIGKILL, no shutdown");
            assertThrows(ConnectException.class,
                    () -> new Socket(InetAddress.getLoopbackAddress(), instance.port()).close());
        }
    }

    @Test
    void closeStopsItGracefullyAndTheOutputStaysForAFailureMessage() throws Exception {
        ServerInstance instance = ServerInstance.of(HELLO).options("--loops", "1", "--shutdown-grace", "1").start();
        assertEquals(200, get(instance, "/logged").statusCode());
        instance.close();
        assertFalse(instance.isAlive());
        assertEquals(128 + 15, instance.exitValue(), "stopped by SIGTERM, not killed:\n" + instance.output());
        assertTrue(instance.output().contains("\"GET /logged HTTP/1.1\" 200"), instance.output());
        assertTrue(instance.outputFile().startsWith(java.nio.file.Path.of("target", "cluster")));
        assertThrows(ConnectException.class,
                () -> new Socket(InetAddress.getLoopbackAddress(), instance.port()).close());
    }

    @Test
    void itsEnvironmentIsThisOneWithTheVariablesGivenAndItCanStartAgainOnItsPort() throws Exception {
        int port;
        try (ServerInstance instance = ServerInstance.of("org.pagi.examples.backpressure.App")
                .env("PAGI_STREAM_MB", "3").start()) {
            port = instance.port();
            String info = get(instance, "/").body();
            assertTrue(info.contains("Default stream size: 3MB"), info);
            instance.kill();
        }
        try (ServerInstance again = ServerInstance.of(HELLO).port(port).start()) {
            assertEquals(port, again.port());
            assertEquals("Hello from PAGI", get(again, "/").body());
        }
    }

    @Test
    void anApplicationThatCannotLoadFailsTheStartWithTheServersMessage() {
        IOException e = assertThrows(IOException.class, () -> ServerInstance.of("org.example.Missing").start());
        assertTrue(e.getMessage().contains("exited with 2"), e.getMessage());
        assertTrue(e.getMessage().contains("--app"), e.getMessage());
    }

    private HttpResponse<String> get(ServerInstance instance, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }
}
