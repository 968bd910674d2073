package org.pagi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.testing.Apps.blocking;
import static org.pagi.testing.Apps.receive;
import static org.pagi.testing.Apps.respond;
import static org.pagi.testing.Apps.send;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;

class LifespanSessionTest {

    /**
     * Stores a greeting in the lifespan state at startup, answers HTTP requests with it, and records the lifespan
     * events it receives.
     */
    static final class Greeter {
        final List<Event> lifespan = new CopyOnWriteArrayList<>();
        final Application app = blocking((scope, receive, send) -> {
            switch (scope) {
                case LifespanScope life -> {
                    lifespan.add(receive(receive));
                    life.state().put("greeting", "hello from startup");
                    send(send, new LifespanStartupComplete());
                    lifespan.add(receive(receive));
                    send(send, new LifespanShutdownComplete());
                }
                case HttpScope http -> {
                    receive(receive);
                    respond(send, 200, http.state().get("greeting", String.class).orElse("no greeting"));
                }
                default -> throw new UnsupportedScopeException(scope);
            }
        });
    }

    @Test
    void stateStoredAtStartupReachesTheScopesOfLaterRequests() throws Exception {
        Greeter greeter = new Greeter();
        TestClient client = TestClient.of(greeter.app);
        assertEquals("no greeting", client.get("/").send().text());
        client.withLifespan(() -> assertEquals("hello from startup", client.get("/").send().text()));
        assertEquals(List.of(new LifespanStartup(), new LifespanShutdown()), greeter.lifespan);
    }

    @Test
    void shutdownRunsInWithLifespanEvenWhenTheBlockThrows() {
        Greeter greeter = new Greeter();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestClient.of(greeter.app)
                .withLifespan(() -> {
                    throw new IllegalStateException("assertion in the block failed");
                }));
        assertEquals("assertion in the block failed", e.getMessage());
        assertEquals(List.of(new LifespanStartup(), new LifespanShutdown()), greeter.lifespan);
    }

    @Test
    void startupFailureThrowsWithTheApplicationsMessage() {
        Application app = blocking((scope, receive, send) -> {
            receive(receive);
            send(send, new LifespanStartupFailed("database unreachable"));
        });
        try (LifespanSession life = TestClient.of(app).lifespan()) {
            LifespanStartupFailedException e = assertThrows(LifespanStartupFailedException.class, life::startup);
            assertEquals("database unreachable", e.reason());
            assertEquals("the application failed lifespan startup (lifespan.startup.failed): database unreachable",
                    e.getMessage());
        }
    }

    @Test
    void anApplicationThatThrowsForLifespanHasDeclinedIt() throws Exception {
        Application app = blocking((scope, receive, send) -> {
            if (scope instanceof HttpScope) {
                receive(receive);
                respond(send, 200, "ok");
                return;
            }
            throw new UnsupportedScopeException(scope);
        });
        TestClient client = TestClient.of(app);
        try (LifespanSession life = client.lifespan()) {
            life.startup();
            assertFalse(life.supported());
            assertInstanceOf(UnsupportedScopeException.class, life.declineCause().orElseThrow());
            life.shutdown(); // a server sends no more lifespan events: nothing happens
        }
        client.withLifespan(() -> assertEquals("ok", client.get("/").send().text())); // the server carries on
    }

    @Test
    void anApplicationThatReturnsWithoutAnsweringHasDeclinedLifespan() {
        try (LifespanSession life = TestClient.of(blocking((scope, receive, send) -> { })).lifespan()) {
            assertTrue(life.supported());
            life.startup();
            assertEquals(List.of(false, Optional.empty()), List.of(life.supported(), life.declineCause()));
        }
    }

    @Test
    void shutdownFailureThrowsWithTheApplicationsMessage() {
        Application app = blocking((scope, receive, send) -> {
            receive(receive);
            send(send, new LifespanStartupComplete());
            receive(receive);
            send(send, new LifespanShutdownFailed("could not flush the queue"));
        });
        LifespanSession life = TestClient.of(app).lifespan();
        life.startup();
        LifespanShutdownFailedException e = assertThrows(LifespanShutdownFailedException.class, life::shutdown);
        assertEquals("could not flush the queue", e.reason());
        life.close(); // shutdown already ran: nothing more
    }

    @Test
    void anExceptionAfterStartupIsReportedAtShutdown() {
        Application app = blocking((scope, receive, send) -> {
            receive(receive);
            send(send, new LifespanStartupComplete());
            throw new IllegalStateException("background task crashed");
        });
        LifespanSession life = TestClient.of(app).lifespan();
        life.startup();
        IllegalStateException e = assertThrows(IllegalStateException.class, life::shutdown);
        assertEquals("background task crashed", e.getMessage());
    }

    @Test
    void anExceptionAfterStartupIsDroppedWhenNotRaising() {
        Application app = blocking((scope, receive, send) -> {
            receive(receive);
            send(send, new LifespanStartupComplete());
            throw new IllegalStateException("background task crashed");
        });
        LifespanSession life = TestClient.builder(app).raiseAppExceptions(false).build().lifespan();
        life.startup();
        life.shutdown(); // a server logs it and carries on
    }

    @Test
    void startupAndShutdownEachRunOnce() {
        Greeter greeter = new Greeter();
        LifespanSession life = TestClient.of(greeter.app).lifespan();
        assertThrows(IllegalStateException.class, life::shutdown);
        life.startup();
        assertThrows(IllegalStateException.class, life::startup);
        life.shutdown();
        life.close();
        assertThrows(IllegalStateException.class, life::shutdown);
        assertEquals(List.of(new LifespanStartup(), new LifespanShutdown()), greeter.lifespan);
    }

    @Test
    void anUnansweredStartupTimesOutNamingWhatItAwaited() {
        Application app = blocking((scope, receive, send) -> {
            receive(receive);
            receive(receive); // waits for an event that never comes
        });
        LifespanSession life = TestClient.builder(app).timeout(Duration.ofMillis(300)).build().lifespan();
        PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class, life::startup);
        assertTrue(e.getMessage().contains("waiting for lifespan.startup.complete or lifespan.startup.failed"),
                e.getMessage());
        life.close(); // a startup that broke is not shut down
    }

    @Test
    void anUnansweredShutdownTimesOutNamingWhatItAwaited() {
        Application app = blocking((scope, receive, send) -> {
            receive(receive);
            send(send, new LifespanStartupComplete());
            receive(receive);
            receive(receive); // never answers the shutdown
        });
        LifespanSession life = TestClient.builder(app).timeout(Apps.AFTER_A_STEP).build().lifespan();
        life.startup();
        PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class, life::shutdown);
        assertTrue(e.getMessage().contains("waiting for lifespan.shutdown.complete or lifespan.shutdown.failed"),
                e.getMessage());
    }
}
