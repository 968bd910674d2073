package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.wrappers.HttpScopes;

/**
 * "One response per exchange" keeps a claim per {@code send} only while the request runs, and still refuses a
 * second response once the claim is gone.
 */
@Timeout(30)
class ResponseStateTest {

    private final List<Event> sent = new CopyOnWriteArrayList<>();
    private final Send send = event -> {
        sent.add(event);
        return CompletableFuture.completedFuture(null);
    };


    @Test
    void theClaimGoesWhenTheResponseCompletesAndASecondResponseIsStillRefused() {
        ConnectionTracker connection = new ConnectionTracker();
        HttpScope scope = HttpScopes.of("GET", connection);
        Response.text("first").respond(scope, send).toCompletableFuture().join();
        assertTrue(ResponseState.isClaimed(send));

        connection.markResponseComplete(); // what the server does once the body is out

        assertFalse(ResponseState.isClaimed(send));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Response.text("second").respond(scope, send));
        assertTrue(e.getMessage().startsWith("response already sent"), e.getMessage());
        assertEquals(2, sent.size());
    }

    @Test
    void afterADisconnectTheClaimStaysAndStillRefusesASecondResponse() {
        ConnectionTracker connection = new ConnectionTracker();
        HttpScope scope = HttpScopes.of("GET", connection);
        connection.disconnect(DisconnectReason.CLIENT_CLOSED);
        Response.text("first").respond(scope, send).toCompletableFuture().join();

        assertTrue(ResponseState.isClaimed(send));
        assertThrows(IllegalStateException.class, () -> ResponseWriter.start(scope, send, 200, Headers.empty()));
    }

    @Test
    void aResponseStartedByAnotherSendOfTheSameRequestIsRefused() {
        ConnectionTracker connection = new ConnectionTracker();
        connection.markResponseStarted(); // e.g. a middleware already answered through the server's own send
        assertThrows(IllegalStateException.class, () -> Response.text("late").respond(HttpScopes.of("GET", connection), send));
        assertFalse(ResponseState.isClaimed(send));
        assertTrue(sent.isEmpty());
    }
}
