package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.TestResponse;

/** Session over a store that answers later, on another thread, or fails: 503, never a silent logout. */
@Timeout(30)
class SessionStoreFailureTest {

    /** A memory store whose calls can be made to fail, as a store across the network does when it is down. */
    static final class SwitchableStore implements SessionStore {
        final MemorySessionStore inner = MemorySessionStore.builder().build();
        volatile boolean loadFails;
        volatile boolean saveFails;
        volatile boolean deleteFails;

        @Override
        public Optional<Record> load(String token) {
            if (loadFails) {
                throw new IllegalStateException("store down (load)");
            }
            return inner.load(token);
        }

        @Override
        public String save(Record record) {
            if (saveFails) {
                throw new IllegalStateException("store down (save)");
            }
            return inner.save(record);
        }

        @Override
        public void delete(String token) {
            if (deleteFails) {
                throw new IllegalStateException("store down (delete)");
            }
            inner.delete(token);
        }
    }

    /** Answers only asynchronously, from another thread: the synchronous methods must never be called. */
    static final class LaterStore implements SessionStore {
        final SessionStore inner;
        final Executor elsewhere = task -> Thread.ofPlatform().daemon().start(task);

        LaterStore(SessionStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<Record> load(String token) {
            throw new AssertionError("synchronous load called");
        }

        @Override
        public String save(Record record) {
            throw new AssertionError("synchronous save called");
        }

        @Override
        public void delete(String token) {
            throw new AssertionError("synchronous delete called");
        }

        private <T> CompletionStage<T> later(Supplier<T> call) {
            return CompletableFuture.supplyAsync(call, elsewhere);
        }

        @Override
        public CompletionStage<Optional<Record>> loadAsync(String token) {
            return later(() -> inner.load(token));
        }

        @Override
        public CompletionStage<String> saveAsync(Record record) {
            return later(() -> inner.save(record));
        }

        @Override
        public CompletionStage<Void> deleteAsync(String token) {
            return later(() -> {
                inner.delete(token);
                return null;
            });
        }
    }

    private final AtomicInteger calls = new AtomicInteger();
    private final Application app = (scope, receive, send) -> {
        calls.incrementAndGet();
        return SessionTest.APP.call(scope, receive, send);
    };

    private static void assertUnavailable(TestResponse res) {
        assertEquals(503, res.status());
        assertEquals(Optional.of("1"), res.header("retry-after"));
        assertEquals(Session.UNAVAILABLE_BODY, res.text());
        assertTrue(res.headers().all("set-cookie").isEmpty(), "no cookie is set or cleared: " + res.headers());
    }

    @Test
    void aStoreThatAnswersLaterOnAnotherThreadServesLoginReadsAndLogout() {
        LaterStore store = new LaterStore(MemorySessionStore.builder().build());
        TestClient client = TestClient.of(Session.builder().store(store).build().wrap(app));
        TestResponse login = client.get("/login").send();
        assertEquals(200, login.status());
        String token = SessionTest.cookieValue(login, "pagi_session");
        assertEquals("alice " + token, client.get("/").send().text());
        assertTrue(store.inner.load(token).isPresent());
        client.get("/logout").send();
        assertTrue(store.inner.load(token).isEmpty(), "logout deleted it");
        assertTrue(client.get("/").send().text().startsWith("none "));
    }

    @Test
    void whenTheStoreCannotLoadTheRequestGets503AndTheSessionSurvivesTheOutage() {
        SwitchableStore store = new SwitchableStore();
        TestClient client = TestClient.of(Session.builder().store(store).build().wrap(app));
        String before = client.get("/set").send().text();
        int called = calls.get();
        store.loadFails = true;
        assertUnavailable(client.get("/").send());
        TestResponse head = client.head("/").send();
        assertEquals(503, head.status());
        assertEquals("", head.text());
        assertEquals(called, calls.get(), "the application never saw a request without its session");
        store.loadFails = false;
        assertEquals(before, client.get("/").send().text(), "same user, same id after the outage");
    }

    @Test
    void whenTheStoreCannotSaveTheResponseIsReplacedBy503() {
        SwitchableStore store = new SwitchableStore();
        TestClient client = TestClient.of(Session.builder().store(store).build().wrap(app));
        store.saveFails = true;
        assertUnavailable(client.get("/set").send());
        assertEquals(0, store.inner.size());
        store.saveFails = false;
        assertTrue(client.get("/").send().text().startsWith("none "), "nothing was stored nor promised");
    }

    @Test
    void aLogoutOrLoginTheStoreCannotRecordIsNotReportedAsDone() {
        SwitchableStore store = new SwitchableStore();
        TestClient client = TestClient.of(Session.builder().store(store).build().wrap(app));
        String before = client.get("/set").send().text();
        store.deleteFails = true;
        assertUnavailable(client.get("/logout").send());
        assertUnavailable(client.get("/login").send());
        store.deleteFails = false;
        assertEquals(before, client.get("/").send().text(), "the session is still there: the user knows it");
    }

    @Test
    void aWebSocketWhoseSessionCannotBeLoadedIsRefused() {
        SwitchableStore store = new SwitchableStore();
        TestClient client = TestClient.of(Session.builder().store(store).build().wrap(app));
        client.get("/set").send();
        store.loadFails = true;
        var denied = assertInstanceOf(WebSocketHandshake.Denied.class, client.websocket("/").tryConnect());
        assertTrue(denied.status() == 503 || denied.status() == WebSocketHandshake.Denied.FORBIDDEN, denied.toString());
        assertEquals(0, calls.get() - 1, "only the /set request reached the application");
    }

    @Test
    void anApplicationErrorIsNotMistakenForAStoreFailure() {
        TestClient client = TestClient.of(Session.builder()
                .store(new LaterStore(CookieSessionStore.builder().secret(SessionTest.SECRET).build())).build().wrap(app));
        assertThrows(IllegalStateException.class, () -> client.get("/big").send(),
                "an oversized cookie fails the application as before, not with a 503");
    }
}
