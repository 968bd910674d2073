package org.pagi.protocol.exchange;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.spec.Extensions;
import org.pagi.spec.State;

/**
 * What every connection of a server shares.
 *
 * @param limits           the parser limits
 * @param extensions       the extensions advertised on every scope
 * @param serverHeader     the {@code server} header value; empty for none
 * @param lifespanState    the lifespan state whose shallow copies reach every scope
 * @param inboundHighWater request-body bytes queued for the application at which reading pauses
 * @param inboundLowWater  queued bytes below which reading resumes
 * @param drainLimit       unread request-body bytes the server reads and discards to keep a connection alive
 * @param clock            epoch milliseconds, for {@code Date} and the access log
 * @param date             the shared {@code Date} formatter
 * @param websocket        the WebSocket settings
 */
public record ExchangeSettings(Http1Limits limits, Extensions extensions, String serverHeader, State lifespanState,
        long inboundHighWater, long inboundLowWater, long drainLimit,
        LongSupplier clock, HttpDate date, WebSocketSettings websocket) {

    /** 256 KiB: a body that large left unread is cheaper to drop with the connection than to read. */
    public static final long DEFAULT_DRAIN_LIMIT = 256 * 1024;

    /** Checks for nulls. */
    public ExchangeSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(serverHeader, "serverHeader");
        Objects.requireNonNull(lifespanState, "lifespanState");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(websocket, "websocket");
    }

    /** The settings with {@link WebSocketSettings#defaults()}. */
    public ExchangeSettings(Http1Limits limits, Extensions extensions, String serverHeader, State lifespanState,
            long inboundHighWater, long inboundLowWater, long drainLimit, LongSupplier clock, HttpDate date) {
        this(limits, extensions, serverHeader, lifespanState, inboundHighWater, inboundLowWater, drainLimit, clock,
                date, WebSocketSettings.defaults());
    }
}
