package org.pagi.compliance.blackbox;

import java.util.Locale;

/** The groups of the wire suite, chosen on the command line with {@code --category}. */
public enum Category {
    /** HTTP/1.1 message syntax, framing, rejections, smuggling, keep-alive, pipelining (RFC 9112, RFC 9110). */
    HTTP,
    /** The WebSocket handshake and every rule of RFC 6455, and permessage-deflate (RFC 7692). */
    WEBSOCKET,
    /** Server-Sent Events: wire format, flushing, Last-Event-ID, disconnect (WHATWG HTML 9.2, the PAGI spec). */
    SSE,
    /** TLS versions, ALPN, SNI, close_notify and refusals (RFC 8446, RFC 8996, RFC 7301); https targets only. */
    TLS,
    /** Slow clients during traffic and hostile bytes: the server keeps serving everyone else. */
    ROBUST;

    /** @return the name used on the command line and in case ids: {@code http}, {@code websocket}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the category called {@code label}, in any case */
    public static Category of(String label) {
        for (Category c : values()) {
            if (c.label().equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + label + "'; known: http, websocket, sse, tls, robust");
    }
}
