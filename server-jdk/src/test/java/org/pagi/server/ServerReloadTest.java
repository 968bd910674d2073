package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.server.cli.AppLoader;
import org.pagi.server.reload.ReloadingApp;
import org.pagi.server.reload.SourceWatcher;
import org.pagi.spec.Application;

/**
 * A {@code .java} application served with {@code --reload}'s parts on a real server: an edit of the file is
 * compiled and swapped in while a response started on the old version finishes on it, a bad edit leaves the old
 * version serving, and a replaced version's class loader can be collected.
 */
@Timeout(60)
class ServerReloadTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(100);

    @TempDir
    Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<WeakReference<ClassLoader>> loaders = new CopyOnWriteArrayList<>();

    /**
     * An application that answers "{@code label} start", then waits for the end of the request body, then
     * answers "{@code label} end": a chunked request body left open holds the response open.
     */
    private static String source(String label) {
        return """
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                import org.pagi.spec.*;
                import org.pagi.spec.event.*;

                public class App implements Application {
                    @Override
                    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
                        if (!(scope instanceof HttpScope)) {
                            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
                        }
                        return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("LABEL start\\n"))))
                                .thenCompose(v -> drain(receive))
                                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("LABEL end\\n"))));
                    }

                    private static CompletionStage<Void> drain(Receive receive) {
                        return receive.receive().thenCompose(e -> e instanceof HttpRequest r && r.more()
                                ? drain(receive) : CompletableFuture.completedFuture(null));
                    }
                }
                """.replace("LABEL", label);
    }

    /**
     * Writes the source as an editor that saves atomically does: a writer paused between truncating and writing
     * in place could have the watcher compile the half-written file, and fail the reload on it.
     */
    private Path write(String text) throws IOException {
        Path saved = Files.writeString(dir.resolve("App.java.tmp"), text);
        return Files.move(saved, dir.resolve("App.java"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads the file as the launcher does, remembering each version's class loader weakly. */
    private ReloadingApp reloading(Path file) throws Exception {
        ClassLoader parent = getClass().getClassLoader();
        return new ReloadingApp(() -> {
            Application app = AppLoader.load(file.toString(), parent);
            loaders.add(new WeakReference<>(app.getClass().getClassLoader()));
            return app;
        }, log::add);
    }

    private static String get(LiveServer server) throws IOException {
        try (RawConnection c = server.connect()) {
            return c.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").read().text();
        }
    }

    private static RawConnection holdOpen(LiveServer server, String label) throws IOException {
        RawConnection held = server.connect();
        held.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n").readUntil(label + " start");
        return held;
    }

    @Test
    void aStreamStartedOnTheOldVersionFinishesOnItWhileANewRequestGetsTheNew() throws Exception {
        Path file = write(source("v1"));
        ReloadingApp app = reloading(file);
        try (LiveServer server = LiveServer.start(app, ExecutionMode.EVENT_LOOP);
                SourceWatcher watch = SourceWatcher.start(file, DEBOUNCE, app::reload);
                RawConnection held = holdOpen(server, "v1")) {
            write(source("v2"));
            ServerSlowClientTest.await("version 2 serves", () -> app.version() == 2);

            assertEquals("v2 start\nv2 end\n", get(server));
            assertEquals(1, app.draining(), "the held stream keeps version 1");
            held.send("0\r\n\r\n");
            assertTrue(held.readUntil(" end\n").endsWith("v1 end\n"));
            ServerSlowClientTest.await("version 1 drained", () -> app.draining() == 0);
        }
    }

    @Test
    void aBadEditKeepsTheOldVersionServingAndAFixedEditSwaps() throws Exception {
        Path file = write(source("v1"));
        ReloadingApp app = reloading(file);
        try (LiveServer server = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS);
                SourceWatcher watch = SourceWatcher.start(file, DEBOUNCE, app::reload)) {
            write(source("v2").replace("return send.send(new HttpResponseStart",
                    "return send.sned(new HttpResponseStart"));
            ServerSlowClientTest.await("the failed reload is logged", () -> !log.isEmpty());
            String failure = log.getFirst();
            assertTrue(failure.startsWith("reload failed, version 1 keeps serving: " + file + ": does not compile:"),
                    failure);
            assertTrue(failure.contains("App.java:12: cannot find symbol"), failure);
            assertEquals("v1 start\nv1 end\n", get(server));
            assertEquals(1, app.version());

            write(source("v3"));
            ServerSlowClientTest.await("the fixed edit serves", () -> app.version() == 2);
            assertEquals("v3 start\nv3 end\n", get(server));
        }
    }

    @Test
    void aReplacedVersionsClassLoaderCanBeCollected() throws Exception {
        Path file = write(source("v1"));
        ReloadingApp app = reloading(file);
        try (LiveServer server = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS)) {
            try (RawConnection held = holdOpen(server, "v1")) {
                write(source("v2"));
                assertEquals(new ReloadingApp.Outcome.Swapped(2), app.reload());
                held.send("0\r\n\r\n").readUntil("v1 end\n");
            }
            ServerSlowClientTest.await("version 1's class loader collected", () -> {
                System.gc();
                return loaders.getFirst().get() == null;
            });
            assertTrue(loaders.getLast().get() != null, "version 2 serves, so its loader stays");
            assertEquals("v2 start\nv2 end\n", get(server));
        }
    }
}
