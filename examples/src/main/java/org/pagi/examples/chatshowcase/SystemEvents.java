package org.pagi.examples.chatshowcase;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * The SSE stream at {@code /events} (upstream's {@code ChatApp::SSE}): the system events a reconnecting page
 * missed after its {@code Last-Event-ID}, a {@code stats} event, then the system events as they happen
 * ({@code user_connected}, {@code user_disconnected}, {@code room_created}, {@code room_deleted}, each with an id)
 * and a {@code stats} event every {@link ChatOptions#statsInterval()}, until the client leaves.
 */
final class SystemEvents implements Application {
    private final ChatState state;
    private final ChatOptions options;

    SystemEvents(ChatState state, ChatOptions options) {
        this.state = state;
        this.options = options;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        Sse sse = Sse.of(scope, receive, send);
        state.sseSubscribed(1);
        sse.onDisconnect(reason -> state.sseSubscribed(-1));
        return sse.start(200, Headers.of("x-accel-buffering", "no")) // the server adds cache-control: no-cache
                .thenCompose(v -> state.systemEvents().attach(sse))
                .thenCompose(v -> sse.send(stats()))
                .thenCompose(v -> {
                    sse.every(options.statsInterval(), () -> sse.send(stats()));
                    return sse.disconnected();
                })
                .handle((v, failure) -> {
                    if (failure != null && sse.isConnected()) {
                        throw new CompletionException(failure);
                    }
                    return null; // a send that failed because the client left is no error
                });
    }

    private ServerEvent stats() {
        return ServerEvent.named("stats", Json.encode(state.stats()).utf8());
    }
}
