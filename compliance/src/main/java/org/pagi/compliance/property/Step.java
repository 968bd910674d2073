package org.pagi.compliance.property;

import java.util.Objects;
import org.pagi.spec.event.Event;

/**
 * One step of a {@link Script}: what a scripted application does next. Receives wait at most the script's
 * patience; a receive that waits longer is recorded as hung, and the script stops there.
 */
public sealed interface Step {

    /** Sends {@code event} and waits for the send's stage; a failed send is recorded and the script goes on. */
    record Send(Event event) implements Step {
        /** Checks for null. */
        public Send {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String toString() {
            return "send " + event;
        }
    }

    /** Receives one event. */
    record Receive() implements Step {
        @Override
        public String toString() {
            return "receive";
        }
    }

    /** Receives until the request body ends ({@code more = false}) or a disconnect event comes. */
    record ReadBody() implements Step {
        @Override
        public String toString() {
            return "read the request body";
        }
    }

    /**
     * Receives until a disconnect event comes, then {@code extra} more times: after a disconnect every receive
     * must yield a disconnect again, at once.
     */
    record AwaitDisconnect(int extra) implements Step {
        /** Checks the count. */
        public AwaitDisconnect {
            if (extra < 0) {
                throw new IllegalArgumentException("extra must be 0 or more, got " + extra);
            }
        }

        @Override
        public String toString() {
            return "await the disconnect, then receive " + extra + " more";
        }
    }

    /** Completes the application's stage exceptionally; the steps after it never run. */
    record Fail() implements Step {
        @Override
        public String toString() {
            return "fail (the stage completes exceptionally)";
        }
    }

    /** Throws from {@code Application.call} itself, before any stage exists; only as a script's first step. */
    record FailAtCall() implements Step {
        @Override
        public String toString() {
            return "throw from call()";
        }
    }

    /** Completes the application's stage normally; the steps after it never run. */
    record Return() implements Step {
        @Override
        public String toString() {
            return "return";
        }
    }
}
