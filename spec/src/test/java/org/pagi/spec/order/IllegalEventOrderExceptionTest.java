package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pagi.spec.event.EventType;

class IllegalEventOrderExceptionTest {

    @Test
    void listsTheExpectedTypesSortedAndJoinedWithOr() {
        IllegalEventOrderException e = new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION,
                "sse", "STREAMING", "sse.start", EnumSet.of(EventType.SSE_SEND, EventType.SSE_CLOSE), "rule text");
        assertEquals("sse: expected sse.close or sse.send, got sse.start (rule text) [state STREAMING]", e.getMessage());
    }

    @Test
    void saysNoFurtherEventWhenNothingIsExpected() {
        IllegalEventOrderException e = new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION,
                "http", "COMPLETE", "http.response.body", Set.of(), "done");
        assertEquals("http: expected no further event, got http.response.body (done) [state COMPLETE]", e.getMessage());
    }

    @Test
    void marksServerMistakes() {
        IllegalEventOrderException e = new IllegalEventOrderException(IllegalEventOrderException.Side.SERVER,
                "websocket", "OPEN", "websocket.connect", Set.of(), "once");
        assertEquals("websocket (server delivered): expected no further event, got websocket.connect (once) [state OPEN]",
                e.getMessage());
    }

    @Test
    void keepsAnImmutableCopyOfTheExpectedSet() {
        EnumSet<EventType> expected = EnumSet.of(EventType.HTTP_RESPONSE_START);
        IllegalEventOrderException e = new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION,
                "http", "AWAITING_START", "http.response.body", expected, "r");
        expected.add(EventType.HTTP_FULLFLUSH);
        assertEquals(Set.of(EventType.HTTP_RESPONSE_START), e.expected());
        assertThrows(UnsupportedOperationException.class, () -> e.expected().clear());
    }

    @Test
    void isAnIllegalStateExceptionNotAnIllegalArgumentException() {
        Object e = new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION, "http", "s", "g",
                Set.of(), "r");
        assertInstanceOf(IllegalStateException.class, e);
        org.junit.jupiter.api.Assertions.assertFalse(e instanceof IllegalArgumentException);
    }
}
