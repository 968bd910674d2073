package org.pagi.examples.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;

/**
 * One WebSocket to a browser's DevTools endpoint, carried by the JDK's {@code java.net.http.WebSocket}: commands
 * ({@code {"id","method","params","sessionId"}}) answered by id, and events ({@code {"method","params",
 * "sessionId"}}) handed to listeners. Pages are reached through flattened sessions ({@code Target.attachToTarget}
 * with {@code flatten: true}), so one connection serves the browser and every page. JSON goes through the
 * wrappers' {@link Json}, so no dependency is added. Thread-safe; every wait is bounded.
 */
final class DevToolsConnection implements AutoCloseable {

    /** An event from the browser: its method, parameters and the page session it came from (null: the browser). */
    record Event(String method, Map<String, Object> params, String sessionId) {
    }

    private final WebSocket socket;
    private final HttpClient client;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private DevToolsConnection(HttpClient client, WebSocket socket, Duration timeout) {
        this.client = client;
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Connects to {@code endpoint} ({@code ws://127.0.0.1:port/devtools/browser/...}). */
    static DevToolsConnection open(URI endpoint, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        Receiver receiver = new Receiver();
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(endpoint, receiver)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            DevToolsConnection connection = new DevToolsConnection(client, socket, timeout);
            receiver.connection.complete(connection);
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new AssertionError("interrupted while connecting to " + endpoint, e);
        } catch (ExecutionException | TimeoutException e) {
            client.close();
            throw new AssertionError("could not open the DevTools WebSocket " + endpoint, e);
        }
    }

    /** Sends a command to the browser and waits for its result. */
    Map<String, Object> call(String method, Map<String, Object> params) {
        return call(method, params, null);
    }

    /**
     * Sends a command, to the page session {@code sessionId} when not null, and waits for its result.
     *
     * @throws AssertionError naming the method when the browser answers with an error, or not in time
     */
    Map<String, Object> call(String method, Map<String, Object> params, String sessionId) {
        try {
            return send(method, params, sessionId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + method, e);
        } catch (ExecutionException e) {
            throw new AssertionError(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(method + " got no answer within " + timeout, e);
        }
    }

    /** Sends a command without waiting; the stage completes with its result or fails with the browser's error. */
    CompletableFuture<Map<String, Object>> send(String method, Map<String, Object> params, String sessionId) {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = sessionId == null
                ? Map.of("id", id, "method", method, "params", params)
                : Map.of("id", id, "method", method, "params", params, "sessionId", sessionId);
        synchronized (socket) { // one text message at a time: the WebSocket refuses overlapping sends
            socket.sendText(Json.encode(message).utf8(), true).join();
        }
        if (closed.isDone()) {
            answer.completeExceptionally(new IllegalStateException("the DevTools connection is closed"));
        }
        return answer;
    }

    /** Calls {@code listener} with every event from now on, on the WebSocket's thread: it must not block. */
    void addListener(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /** Completes with the next event {@code method} from {@code sessionId}; register it before causing the event. */
    CompletableFuture<Event> next(String method, String sessionId) {
        CompletableFuture<Event> next = new CompletableFuture<>();
        Consumer<Event> listener = event -> {
            if (event.method().equals(method) && Objects.equals(event.sessionId(), sessionId)) {
                next.complete(event);
            }
        };
        listeners.add(listener);
        next.whenComplete((e, t) -> listeners.remove(listener));
        return next;
    }

    /** The browser's wait bound for one command. */
    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        closed.complete(null);
        socket.abort();
        client.close();
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection closed")));
    }

    @SuppressWarnings("unchecked")
    private void dispatch(String text) {
        Map<String, Object> message = Json.decode(Bytes.utf8(text), Map.class);
        Object id = message.get("id");
        if (id instanceof Number number) {
            CompletableFuture<Map<String, Object>> answer = pending.remove(number.longValue());
            if (answer == null) {
                return;
            }
            if (message.get("error") instanceof Map<?, ?> error) {
                answer.completeExceptionally(new IllegalStateException(error.get("message") + " (code "
                        + error.get("code") + (error.containsKey("data") ? ", " + error.get("data") : "") + ")"));
            } else {
                answer.complete((Map<String, Object>) message.getOrDefault("result", Map.of()));
            }
            return;
        }
        Event event = new Event((String) message.get("method"),
                (Map<String, Object>) message.getOrDefault("params", Map.of()), (String) message.get("sessionId"));
        listeners.forEach(listener -> listener.accept(event));
    }

    private void lost(Throwable why) {
        closed.complete(null);
        pending.values().forEach(f -> f.completeExceptionally(why));
    }

    /** Joins the pieces of each text message (a screenshot comes in many) and hands it to the connection. */
    private static final class Receiver implements WebSocket.Listener {
        final CompletableFuture<DevToolsConnection> connection = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                // nothing is sent before open() made the connection, so no answer can wait on it long
                connection.thenAccept(c -> c.dispatch(message));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            connection.thenAccept(c -> c.lost(new IllegalStateException("the browser closed DevTools: "
                    + statusCode + " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            connection.thenAccept(c -> c.lost(error));
        }
    }
}
