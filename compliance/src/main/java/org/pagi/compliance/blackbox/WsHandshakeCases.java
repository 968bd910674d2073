package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The opening handshake (RFC 6455 section 4): the {@code 101} answer and its accept key, no subprotocol where the
 * contract picks none, and the refusals of requests that are not a valid handshake.
 */
final class WsHandshakeCases {
    /** RFC 6455 section 1.3: the sample key and the accept value the section derives from it. */
    private static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private WsHandshakeCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.WEBSOCKET, "handshake-101", "RFC 6455 section 4.2.2: a valid handshake gets 101 "
                        + "with Upgrade, Connection and the Sec-WebSocket-Accept of the key; no extension unoffered "
                        + "(section 9.1)", WsHandshakeCases::switches),
                WireCase.of(Category.WEBSOCKET, "handshake-sample-key-and-any-case", "RFC 6455 sections 1.3 and "
                        + "4.2.1: Upgrade and Connection tokens match in any case, Connection may list other tokens; "
                        + "the sample key gets the sample accept value", WsHandshakeCases::sampleKeyAnyCase),
                WireCase.of(Category.WEBSOCKET, "handshake-no-subprotocol", "RFC 6455 section 4.2.2: a server that "
                        + "picks none of the offered subprotocols sends no Sec-WebSocket-Protocol",
                        WsHandshakeCases::noSubprotocol),
                WireCase.of(Category.WEBSOCKET, "handshake-missing-key-4xx", "RFC 6455 section 4.2.1: a handshake "
                        + "without Sec-WebSocket-Key is refused with a 4xx (such as 400)",
                        t -> refused(t, request(t, "GET", "1.1", Optional.empty(), Optional.of("13")))),
                WireCase.of(Category.WEBSOCKET, "handshake-short-key-4xx", "RFC 6455 section 4.2.1: a "
                        + "Sec-WebSocket-Key that is not base64 of 16 bytes is refused with a 4xx",
                        t -> refused(t, request(t, "GET", "1.1", Optional.of("dGhlIHNhbXBsZQ=="), Optional.of("13")))),
                WireCase.of(Category.WEBSOCKET, "handshake-bad-version-4xx", "RFC 6455 section 4.4: an unknown "
                        + "Sec-WebSocket-Version is refused (such as 426) with Sec-WebSocket-Version: 13",
                        t -> badVersion(t, Optional.of("8"))),
                WireCase.of(Category.WEBSOCKET, "handshake-missing-version-4xx", "RFC 6455 section 4.2.1: a "
                        + "handshake without Sec-WebSocket-Version is refused with a 4xx",
                        t -> refused(t, request(t, "GET", "1.1", Optional.of(SAMPLE_KEY), Optional.empty()))),
                WireCase.of(Category.WEBSOCKET, "handshake-post-4xx", "RFC 6455 section 4.1 and 4.2.1: the "
                        + "handshake is a GET; a POST upgrade is refused with a 4xx",
                        t -> refused(t, request(t, "POST", "1.1", Optional.of(SAMPLE_KEY), Optional.of("13")))),
                WireCase.of(Category.WEBSOCKET, "handshake-http10-4xx", "RFC 6455 section 4.2.1: the handshake is "
                        + "HTTP/1.1 or higher; an HTTP/1.0 upgrade is refused with a 4xx",
                        t -> refused(t, request(t, "GET", "1.0", Optional.of(SAMPLE_KEY), Optional.of("13"))))
                        .originOnly("nginx forwards an HTTP/1.0 client's upgrade as HTTP/1.1 (proxy_http_version), "
                                + "so the origin never sees the version"));
    }

    private static void switches(Target t) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            Expect.that(c.headers().first("sec-websocket-extensions").isEmpty(),
                    "the 101 names an extension the client did not offer: " + Expect.excerpt(c.head()));
            WsWire.closeCleanly(c);
        }
    }

    private static void sampleKeyAnyCase(Target t) throws IOException {
        String req = "GET " + WsWire.PATH + " HTTP/1.1\r\nHost: " + t.authority() + "\r\nUpgrade: WebSocket\r\n"
                + "Connection: keep-alive, Upgrade\r\nsec-websocket-key: " + SAMPLE_KEY + "\r\n"
                + "SEC-WEBSOCKET-VERSION: 13\r\n\r\n";
        try (HttpConnection c = t.http()) {
            String head = c.send(req).readUntil("\r\n\r\n");
            Expect.that(head.startsWith("HTTP/1.1 101"), "expected 101 Switching Protocols, got "
                    + Expect.excerpt(head));
            Expect.equal(Optional.of(SAMPLE_ACCEPT), field(head, "sec-websocket-accept"), "Sec-WebSocket-Accept");
            // Frames flow on the same connection: a masked "hi" comes back as an unmasked text frame.
            c.send(WsWire.text("hi"));
            Expect.equal("\u0081\u0002hi", c.readUntil("hi"), "the echo of a text frame after the handshake");
        }
    }

    private static void noSubprotocol(Target t) throws IOException {
        try (WebSocketConnection c = WebSocketConnection.open(t, WsWire.PATH, List.of("chat", "superchat"),
                Optional.empty())) {
            Expect.equal(Optional.empty(), c.headers().first("sec-websocket-protocol"), "Sec-WebSocket-Protocol");
            WsWire.closeCleanly(c);
        }
    }

    private static void badVersion(Target t, Optional<String> version) throws IOException {
        WebSocketConnection.Refusal r = refused(t, request(t, "GET", "1.1", Optional.of(SAMPLE_KEY), version));
        List<String> offered = r.headers().all("sec-websocket-version");
        Expect.that(offered.stream().anyMatch(v -> List.of(v.split(",")).stream().anyMatch(x -> x.trim()
                .equals("13"))), "the refusal must list the versions the server speaks in Sec-WebSocket-Version "
                + "(RFC 6455 section 4.4); got " + offered);
    }

    private static WebSocketConnection.Refusal refused(Target t, String request) throws IOException {
        WebSocketConnection.Refusal r = WebSocketConnection.refused(t, request);
        Expect.that(r.status() >= 400 && r.status() < 500, "expected a 4xx refusal, got " + r.status());
        return r;
    }

    private static String request(Target t, String method, String version, Optional<String> key,
            Optional<String> wsVersion) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(WsWire.PATH).append(" HTTP/").append(version)
                .append("\r\nHost: ").append(t.authority())
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
        key.ifPresent(k -> sb.append("Sec-WebSocket-Key: ").append(k).append("\r\n"));
        wsVersion.ifPresent(v -> sb.append("Sec-WebSocket-Version: ").append(v).append("\r\n"));
        if (method.equals("POST")) {
            sb.append("Content-Length: 0\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** @return the first value of {@code name} in a response head, by a case-insensitive name */
    private static Optional<String> field(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }
}
