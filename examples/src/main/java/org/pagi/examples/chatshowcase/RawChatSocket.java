package org.pagi.examples.chatshowcase;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.json.Json;

/**
 * The chat's WebSocket handler in the spec's raw events, as upstream's showcase writes it (websocket-chat-v2 writes
 * the same with the wrappers' {@code WebSocket}): wait for {@code websocket.connect}, send
 * {@code websocket.accept}, then hand each {@code websocket.receive} text to {@link ChatProtocol} until
 * {@code websocket.disconnect}. Binary messages are ignored. The loop runs on a virtual thread of its own and waits
 * with {@code join()}, so the server's thread is never blocked, in either execution mode.
 */
public final class RawChatSocket implements Application {
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("chat-websocket").start(task);

    private final ChatProtocol protocol;

    /** @param protocol what the chat does with each socket */
    public RawChatSocket(ChatProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return CompletableFuture.runAsync(() -> session((RequestScope) scope, receive, send), VIRTUAL_THREADS);
    }

    private void session(RequestScope scope, Receive receive, Send send) {
        Event first = await(receive.receive());
        if (!(first instanceof WebSocketConnect)) {
            return; // as upstream: nothing to do for a socket that did not start with websocket.connect
        }
        await(send.send(new WebSocketAccept()));
        Peer peer = message -> send.send(WebSocketSend.text(Json.encode(message).utf8()));
        ChatProtocol.Connection connection = protocol.connect(QueryParams.parse(scope.queryString()), peer);
        try {
            await(connection.sent());
            while (true) {
                Event event = await(receive.receive());
                if (event instanceof WebSocketReceive(WebSocketMessage.Text(String text))) {
                    await(protocol.receive(connection.sessionId(), text));
                } else if (event instanceof WebSocketDisconnect) {
                    return;
                }
            }
        } finally {
            protocol.disconnected(connection.sessionId(), peer); // the grace period starts
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
