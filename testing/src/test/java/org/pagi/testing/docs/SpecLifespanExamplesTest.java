package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.State;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.LifespanStartupFailedException;
import org.pagi.testing.TestClient;

/** The examples of spec/docs/lifespan.md. */
class SpecLifespanExamplesTest {

    @Test
    void startupStoresStateThatRequestsUse() throws Exception {
        // snippet: lifespan.app
        Application app = (scope, receive, send) -> switch (scope) {
            case LifespanScope life -> receive.receive() // lifespan.startup
                    .thenCompose(startup -> {
                        life.state().put("myapp.visits", new AtomicLong()); // a container, stored once
                        return send.send(new LifespanStartupComplete());
                    })
                    .thenCompose(v -> receive.receive()) // lifespan.shutdown, when the server stops
                    .thenCompose(shutdown -> send.send(new LifespanShutdownComplete()));
            case HttpScope http -> {
                long visit = http.state().get("myapp.visits", AtomicLong.class).orElseThrow().incrementAndGet();
                yield send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("visit " + visit))));
            }
            default -> throw new UnsupportedScopeException(scope);
        };
        TestClient client = TestClient.of(app);
        client.withLifespan(() -> {
            assertEquals("visit 1", client.get("/").send().text());
            assertEquals("visit 2", client.get("/").send().text());
        });
        // end-snippet
    }

    @Test
    void declineOrFail() {
        // snippet: lifespan.decline
        Application declines = (scope, receive, send) -> {
            throw new UnsupportedScopeException(scope); // as an application without lifespan support does
        };
        LifespanSession declined = TestClient.of(declines).lifespan();
        declined.startup(); // no error: the server starts without lifespan
        assertFalse(declined.supported());

        Application noDatabase = (scope, receive, send) -> receive.receive() // lifespan.startup
                .thenCompose(startup -> send.send(new LifespanStartupFailed("database unreachable")));
        LifespanStartupFailedException failed = assertThrows(LifespanStartupFailedException.class,
                () -> TestClient.of(noDatabase).lifespan().startup()); // the server would not start
        assertEquals("database unreachable", failed.reason());
        // end-snippet
        assertInstanceOf(UnsupportedScopeException.class, declined.declineCause().orElseThrow());
    }

    @Test
    void stateCopiesAreShallow() {
        // snippet: lifespan.state-copy
        State lifespanState = new State();
        lifespanState.put("myapp.hits", new AtomicLong()); // stored once, at startup

        State requestA = lifespanState.copy(); // what each request scope gets
        State requestB = lifespanState.copy();
        requestA.get("myapp.hits", AtomicLong.class).orElseThrow().incrementAndGet(); // through the value: shared
        requestA.put("myapp.user", "ada");                                          // a top-level key: private

        assertEquals(1, requestB.get("myapp.hits", AtomicLong.class).orElseThrow().get());
        assertEquals(Optional.empty(), requestB.get("myapp.user"));
        assertEquals(Optional.empty(), lifespanState.get("myapp.user"));
        assertThrows(ClassCastException.class, () -> requestA.get("myapp.user", AtomicLong.class));
        // end-snippet
    }
}
