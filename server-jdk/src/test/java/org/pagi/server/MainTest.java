package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.LifespanStartupFailed;

/** The launcher's exits that start no server for long: help, version, bad input, failed starts. */
class MainTest {
    /** Fails its lifespan startup, as an application whose database is down would. */
    public static final class FailingStartup implements Application {
        @Override
        public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
            if (scope instanceof LifespanScope) {
                return receive.receive().thenCompose(e -> send.send(new LifespanStartupFailed("database is down")));
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Answers nothing; never reached by these tests' requests. */
    public static final class Idle implements Application {
        @Override
        public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheHelpToStandardOutput() {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: pagi-server --app APP [options]"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void printsTheVersion() {
        Result r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("pagi-server "), r.out());
    }

    @Test
    void exitsWithTwoAndOneLineForABadOption() {
        Result r = run("--app", Idle.class.getName(), "--port", "abc");
        assertEquals(2, r.status());
        assertEquals("pagi-server: --port: expected an integer 0-65535, got 'abc'" + System.lineSeparator(), r.err());
    }

    @Test
    void exitsWithTwoWhenTheAppCannotBeLoaded() {
        Result r = run("--app", "com.example.Missing");
        assertEquals(2, r.status());
        assertEquals("pagi-server: --app: class com.example.Missing not found on the classpath"
                + System.lineSeparator(), r.err());
    }

    @Test
    void exitsWithTwoAndTheCompilersDiagnosticsWhenAReloadedFileDoesNotCompileAtStart(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("Broken.java"), "public class Broken {\n    int x = ;\n}\n");
        Result r = run("--app", file.toString(), "--reload", "--port", "0", "--quiet");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("pagi-server: --app: " + file + ": does not compile:"), r.err());
        assertTrue(r.err().contains("Broken.java:2: illegal start of expression"), r.err());
    }

    @Test
    void exitsWithThreeAndTheAppsMessageWhenLifespanStartupFails() {
        Result r = run("--app", FailingStartup.class.getName(), "--port", "0", "--quiet");
        assertEquals(3, r.status());
        assertTrue(r.err().startsWith("pagi-server: lifespan startup failed: "), r.err());
        assertTrue(r.err().contains("database is down"), r.err());
    }

    @Test
    void exitsWithOneWhenTheAddressIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("--app", Idle.class.getName(), "--lifespan", "off", "--loops", "1", "--port",
                    String.valueOf(taken.getLocalPort()));
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("pagi-server: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    r.err());
        }
    }
}
