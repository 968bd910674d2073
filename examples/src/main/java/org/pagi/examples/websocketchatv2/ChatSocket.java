package org.pagi.examples.websocketchatv2;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.examples.chatshowcase.ChatProtocol;
import org.pagi.examples.chatshowcase.Peer;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * The chat's WebSocket handler with the wrappers' {@link WebSocket} (upstream's websocket-chat-v2 with
 * {@code PAGI::WebSocket}); compare {@code chatshowcase.RawChatSocket}: {@code accept()} instead of waiting for
 * {@code websocket.connect} and sending {@code websocket.accept}, {@code onClose} instead of looking for
 * {@code websocket.disconnect}, {@code forEach} instead of the receive loop, {@code trySendJson} instead of
 * encoding JSON and catching a send to a closed socket. Async throughout, so it runs in either execution mode.
 */
final class ChatSocket implements Application {
    private final ChatProtocol protocol;

    ChatSocket(ChatProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        WebSocket ws = WebSocket.of(scope, receive, send);
        Peer peer = message -> ws.trySendJson(message).thenApply(sent -> null);
        return ws.accept().thenCompose(accepted -> {
            ChatProtocol.Connection connection = protocol.connect(ws.query(), peer);
            ws.onClose(closed -> protocol.disconnected(connection.sessionId(), peer)); // the grace period starts
            return connection.sent().thenCompose(greeted -> ws.forEach(message -> message instanceof Message.Text t
                    ? protocol.receive(connection.sessionId(), t.text())
                    : CompletableFuture.completedFuture(null)));
        });
    }
}
