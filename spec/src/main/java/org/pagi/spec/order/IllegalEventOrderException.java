package org.pagi.spec.order;

import java.util.Set;
import java.util.stream.Collectors;
import org.pagi.spec.event.EventType;

/**
 * An event came out of order: the application sent something the scope does not allow next (or, when
 * {@link #side()} is {@link Side#SERVER}, a server delivered something it must not).
 *
 * <p>The message names the scope, what was expected, what came, and the rule, e.g.
 * {@code http: expected http.response.start, got http.response.body (the response must start before its
 * body)}. Separate from {@code ProtocolException}s about bytes from the network: this is always a bug in code,
 * never bad input from a peer.
 */
public final class IllegalEventOrderException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Whose mistake it is. */
    public enum Side {
        /** The application sent an event it may not send now. */
        APPLICATION,
        /** The server (or test client) delivered an event it may not deliver now. */
        SERVER
    }

    private final String scopeType;
    private final String state;
    private final String got;
    private final transient Set<EventType> expected;
    private final String rule;
    private final Side side;

    IllegalEventOrderException(Side side, String scopeType, String state, String got, Set<EventType> expected,
            String rule) {
        super(format(side, scopeType, state, got, expected, rule));
        this.side = side;
        this.scopeType = scopeType;
        this.state = state;
        this.got = got;
        this.expected = Set.copyOf(expected);
        this.rule = rule;
    }

    private static String format(Side side, String scopeType, String state, String got, Set<EventType> expected,
            String rule) {
        String exp = expected.isEmpty() ? "no further event"
                : expected.stream().map(EventType::wireName).sorted().collect(Collectors.joining(" or "));
        String who = side == Side.SERVER ? " (server delivered)" : "";
        return "%s%s: expected %s, got %s (%s) [state %s]".formatted(scopeType, who, exp, got, rule, state);
    }

    /** @return the scope type, e.g. {@code "http"} */
    public String scopeType() {
        return scopeType;
    }

    /** @return the state the scope was in */
    public String state() {
        return state;
    }

    /** @return the type string of the offending event */
    public String got() {
        return got;
    }

    /** @return the events that would have been legal */
    public Set<EventType> expected() {
        return expected;
    }

    /** @return the rule that was broken, in words */
    public String rule() {
        return rule;
    }

    /** @return whose mistake it is */
    public Side side() {
        return side;
    }
}
