package org.pagi.jmh.wrappers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.server.ConnectionTracker;

/**
 * The least a server could do for one GET, in memory: {@code receive} yields one empty {@code http.request},
 * {@code send} keeps the status, headers and body it was given. Nothing is checked or copied, so what a
 * benchmark measures through it is the application's own cost.
 *
 * <p>A new exchange per request, with its own {@code pagi.connection}: the wrappers key "one response per
 * exchange" on the {@code send} object and a request's shared body on the connection, as a server gives each
 * request its own of both. Like a server, the exchange reports the response started and complete to that
 * connection, which runs whatever the application registered for the end of the request.
 */
public final class InMemoryExchange implements Send {
    private static final CompletionStage<Event> EMPTY_REQUEST =
            CompletableFuture.completedFuture(new HttpRequest(Bytes.empty(), false));
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /** Always the same already-complete stage: a body that had arrived before the application asked. */
    static final Receive RECEIVE = () -> EMPTY_REQUEST;

    private final ConnectionTracker connection;
    private int status;
    private Headers headers = Headers.empty();
    private Bytes body = Bytes.empty();

    /** @param connection the request's {@code pagi.connection}, told when the response starts and completes */
    public InMemoryExchange(ConnectionTracker connection) {
        this.connection = connection;
    }

    @Override
    public CompletionStage<Void> send(Event event) {
        switch (event) {
            case HttpResponseStart start -> {
                status = start.status();
                headers = start.headers();
                connection.markResponseStarted();
            }
            case HttpResponseBody chunk -> {
                body = body.isEmpty() ? chunk.body() : body.concat(chunk.body());
                if (!chunk.more()) {
                    connection.markResponseComplete();
                }
            }
            default -> throw new IllegalArgumentException("unexpected event " + event.type());
        }
        return DONE;
    }

    /** @return the status of {@code http.response.start}, 0 before it */
    public int status() {
        return status;
    }

    /** @return the response headers */
    public Headers headers() {
        return headers;
    }

    /** @return the whole body sent so far */
    public Bytes body() {
        return body;
    }
}
