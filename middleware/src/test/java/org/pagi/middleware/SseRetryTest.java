package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;

@Timeout(30)
class SseRetryTest {

    /** Three events; the third sets its own retry. The data of the first is the attribute the app saw. */
    private static final Application THREE = (scope, receive, send) -> send.send(new SseStart())
            .thenCompose(v -> send.send(SseSend.data(String.valueOf(((SseScope) scope).attribute(SseRetry.ATTRIBUTE)
                    .orElse("none")))))
            .thenCompose(v -> send.send(SseSend.data("two")))
            .thenCompose(v -> send.send(SseSend.data("three").withRetry(50)));

    private static List<SseMessage> read(SseRetry retry, Application app) {
        SseStream stream = TestClient.of(retry.wrap(app)).sse("/events").open();
        List<SseMessage> got = stream.take(3);
        stream.awaitEnd();
        return got;
    }

    @Test
    void byDefaultTheFirstEventCarries3000AndNoEmptyEventIsAdded() {
        List<SseMessage> got = read(SseRetry.builder().build(), THREE);
        assertEquals("3000", got.get(0).data(), "the app sees the configured value");
        assertEquals(OptionalLong.of(3000), got.get(0).retry());
        assertEquals("two", got.get(1).data(), "no extra event between the app's own");
        assertEquals(OptionalLong.empty(), got.get(1).retry());
        assertEquals(OptionalLong.of(50), got.get(2).retry(), "an event's own retry wins");
    }

    @Test
    void onEventsPutsItOnEveryEventWithoutItsOwn() {
        List<SseMessage> got = read(SseRetry.builder().retryMillis(1500).onStart(false).onEvents(true).build(), THREE);
        assertEquals(OptionalLong.of(1500), got.get(0).retry());
        assertEquals(OptionalLong.of(1500), got.get(1).retry());
        assertEquals(OptionalLong.of(50), got.get(2).retry());
    }

    @Test
    void aCommentBeforeTheFirstEventDoesNotUseUpTheRetry() {
        Application app = (scope, receive, send) -> send.send(new SseStart())
                .thenCompose(v -> send.send(new SseComment("hello")))
                .thenCompose(v -> send.send(SseSend.data("a")));
        SseStream stream = TestClient.of(SseRetry.builder().build().wrap(app)).sse("/").open();
        assertEquals(OptionalLong.of(3000), stream.next().retry());
        stream.awaitEnd();
        assertTrue(stream.comments().contains("hello"));
    }

    @Test
    void aStreamIsForwardedEventByEvent() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Application app = (scope, receive, send) -> send.send(new SseStart())
                .thenCompose(v -> send.send(SseSend.data("now")))
                .thenCompose(v -> gate)
                .thenCompose(v -> send.send(SseSend.data("later")));
        SseStream stream = TestClient.of(SseRetry.builder().build().wrap(app)).sse("/").open();
        assertEquals("now", stream.next().data(), "the first event arrives while the app still waits");
        gate.complete(null);
        assertEquals("later", stream.next().data());
        stream.awaitEnd();
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SseRetry.builder().retryMillis(-1).build())
                .getMessage().contains("retryMillis"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SseRetry.builder().onStart(false).build()).getMessage().contains("onStart"));
    }

    @Test
    void otherScopesPassThroughUntouched() {
        PassThrough.untouched(SseRetry.builder().build(), PassThrough.Kind.HTTP, PassThrough.Kind.WEBSOCKET,
                PassThrough.Kind.LIFESPAN);
    }
}
