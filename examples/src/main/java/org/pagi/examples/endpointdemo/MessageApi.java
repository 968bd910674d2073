package org.pagi.examples.endpointdemo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.pagi.wrappers.endpoint.HttpEndpoint;
import org.pagi.wrappers.endpoint.Methods;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.request.RequestException;
import org.pagi.wrappers.response.Response;

/**
 * The messages resource: GET lists them, POST {@code {"text":...}} adds one (201 with it) and broadcasts it to
 * {@link MessageEvents}. Other methods get 405 with {@code Allow} from {@link HttpEndpoint}. Thread-safe.
 */
final class MessageApi extends HttpEndpoint {
    private final List<Message> messages = new CopyOnWriteArrayList<>(List.of(
            new Message(1, "Hello, World!"), new Message(2, "Welcome to PAGI Endpoints")));
    private final AtomicInteger nextId = new AtomicInteger(3);
    private final MessageEvents events;

    MessageApi(MessageEvents events) {
        this.events = events;
    }

    /** What a POST carries; other fields are ignored. */
    record NewMessage(String text) {
    }

    @Override
    protected void methods(Methods m) {
        m.get(this::list).post(this::add);
    }

    private CompletionStage<Response> list(Request req) {
        return CompletableFuture.completedFuture(Response.json(List.copyOf(messages)));
    }

    private CompletionStage<Response> add(Request req) {
        return req.json(NewMessage.class).thenCompose(posted -> {
            Message message = new Message(nextId.getAndIncrement(), posted.text());
            messages.add(message);
            return events.broadcast(message).thenApply(v -> Response.json(message).withStatus(201));
        }).exceptionally(failure -> failure.getCause() instanceof RequestException bad
                ? bad.toResponse() // malformed JSON: 400
                : Response.json(Map.of("error", "could not add the message")).withStatus(500));
    }
}
