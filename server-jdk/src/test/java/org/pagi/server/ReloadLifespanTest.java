package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.reload.ReloadingApp;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;

/**
 * {@link ReloadingApp} on a real server: each version's lifespan, the order of startups and shutdowns around a
 * swap, and a version whose startup fails never serving.
 */
@Timeout(30)
class ReloadLifespanTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    /**
     * Version {@code name}: records its lifespan in {@link #events}, stores its name in the lifespan state, and
     * answers a request with its own name and the state's; {@code /hold} streams until {@link #release}.
     */
    private Application version(String name, boolean startupFails) {
        return (scope, receive, send) -> CompletableFuture.runAsync(() -> {
            switch (scope) {
                case LifespanScope life -> {
                    receive(receive);
                    events.add(name + " startup");
                    if (startupFails) {
                        send(send, new LifespanStartupFailed("no database"));
                        return;
                    }
                    life.state().put("started-by", name);
                    send(send, new LifespanStartupComplete());
                    receive(receive);
                    events.add(name + " shutdown");
                    send(send, new LifespanShutdownComplete());
                }
                case HttpScope http when http.path().equals("/hold") -> {
                    send(send, new HttpResponseStart(200, Headers.of("content-type", "text/plain")));
                    send(send, HttpResponseBody.chunk(Bytes.utf8(name + " start\n")));
                    release.join();
                    send(send, HttpResponseBody.last(Bytes.utf8(name + " end\n")));
                }
                case HttpScope http -> TestApps.text(send, 200, name + " with state of "
                        + http.state().get("started-by").orElse("none"));
                default -> throw new UnsupportedScopeException(scope);
            }
        }, task -> Thread.ofVirtual().start(task));
    }

    private ReloadingApp reloading(Application... versions) throws Exception {
        Iterator<Application> next = List.of(versions).iterator();
        return new ReloadingApp(next::next, log::add);
    }

    private static String get(LiveServer server) throws IOException {
        try (RawConnection c = server.connect()) {
            return c.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").read().text();
        }
    }

    @Test
    void aNewVersionStartsBeforeItServesAndTheOldStopsAfterItsLastCall() throws Exception {
        ReloadingApp app = reloading(version("v1", false), version("v2", false));
        try (LiveServer server = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS)) {
            assertEquals(List.of("v1 startup"), events);
            try (RawConnection held = server.connect()) {
                held.send("GET /hold HTTP/1.1\r\nHost: t\r\n\r\n").readUntil("v1 start");

                assertEquals(new ReloadingApp.Outcome.Swapped(2), app.reload());
                assertEquals(List.of("v1 startup", "v2 startup"), events, "v1 still serves a call");
                assertEquals("v2 with state of v2", get(server));
                assertEquals(1, app.draining());

                release.complete(null);
                assertTrue(held.readUntil("v1 end").endsWith("v1 end"));
                ServerSlowClientTest.await("v1 stopped", () -> app.draining() == 0);
                assertEquals(List.of("v1 startup", "v2 startup", "v1 shutdown"), events);
            }
        }
        assertEquals(List.of("v1 startup", "v2 startup", "v1 shutdown", "v2 shutdown"), events);
        assertEquals(List.of("version 2 serves new calls; version 1 finishes its 1 running"), log);
    }

    @Test
    void stoppingTheServerShutsDownAVersionStillDrainingToo() throws Exception {
        ReloadingApp app = reloading(version("v1", false), version("v2", false));
        try (LiveServer server = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS);
                RawConnection held = server.connect()) {
            held.send("GET /hold HTTP/1.1\r\nHost: t\r\n\r\n").readUntil("v1 start");
            assertEquals(new ReloadingApp.Outcome.Swapped(2), app.reload());
        } finally {
            release.complete(null); // the held call ignores its disconnect; let its thread end
        }
        assertEquals(List.of("v1 startup", "v2 startup"), events.subList(0, 2));
        assertEquals(java.util.Set.of("v1 shutdown", "v2 shutdown"), java.util.Set.copyOf(events.subList(2, 4)));
        assertEquals(4, events.size());
    }

    @Test
    void aCallAfterTheServerStoppedEveryVersionRunsOnTheLastInsteadOfSpinning() throws Exception {
        ReloadingApp app = reloading(version("v1", false));
        LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS).close();
        assertEquals(List.of("v1 startup", "v1 shutdown"), events);
        try (LiveServer again = new LiveServer(app, ServerConfig.builder().lifespan(LifespanMode.OFF))) {
            assertEquals("v1 with state of v1", get(again));
        }
    }

    @Test
    void aVersionWhoseStartupFailsNeverServes() throws Exception {
        ReloadingApp app = reloading(version("v1", false), version("broken", true), version("v3", false));
        try (LiveServer server = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS)) {
            ReloadingApp.Outcome kept = app.reload();
            assertEquals(new ReloadingApp.Outcome.Kept(1, "version 2: lifespan startup failed: no database"), kept);
            assertEquals("v1 with state of v1", get(server));
            assertTrue(log.getLast().startsWith("reload failed, version 1 keeps serving:"), log.toString());

            assertEquals(new ReloadingApp.Outcome.Swapped(2), app.reload());
            assertEquals("v3 with state of v3", get(server));
        }
        assertEquals(List.of("v1 startup", "broken startup", "v3 startup", "v1 shutdown", "v3 shutdown"), events);
    }

    @Test
    void withoutLifespanVersionsSwapWithoutOne() throws Exception {
        ReloadingApp app = reloading(TestApps.http((s, r, w) -> TestApps.text(w, 200, "one")),
                TestApps.http((s, r, w) -> TestApps.text(w, 200, "two")));
        try (LiveServer server = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS)) {
            assertEquals("one", get(server));
            assertInstanceOf(ReloadingApp.Outcome.Swapped.class, app.reload());
            assertEquals("two", get(server));
        }
        // the first call may still be counting out: the client has its response before the call's stage completes
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.getFirst().startsWith("version 2 serves new calls; version 1 "), log.toString());
    }
}
