package org.pagi.wrappers.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseChannel;

/**
 * The {@code send} a GET route gets when it serves HEAD: {@code http.response.start} passes unchanged (its
 * {@code content-length} included, as RFC 9110 9.3.2 allows), body chunks are dropped and the last body event
 * becomes an empty one, so the response still ends. Public so that another dispatcher (the class-based
 * {@code HttpEndpoint}) serves HEAD through GET exactly as the router does.
 *
 * @param downstream the real send
 */
public record HeadSend(Send downstream) implements Send {

    @Override
    public CompletionStage<Void> send(Event event) {
        return switch (event) {
            case HttpResponseBody b when b.more() -> CompletableFuture.completedFuture(null);
            case HttpResponseBody b -> downstream.send(HttpResponseBody.last(Bytes.empty()));
            case HttpResponseFile f -> downstream.send(HttpResponseBody.last(Bytes.empty()));
            case HttpResponseChannel c -> closeThenEnd(c);
            default -> downstream.send(event);
        };
    }

    private CompletionStage<Void> closeThenEnd(HttpResponseChannel channel) {
        try {
            channel.channel().close();   // the server would have closed it after streaming
        } catch (java.io.IOException ignored) {
            // nothing was to be read from it anyway
        }
        return downstream.send(HttpResponseBody.last(Bytes.empty()));
    }
}
