package org.pagi.protocol.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.server.RequestHead;

/**
 * The opening handshake (RFC 6455 section 4): the server's check of an upgrade request and its {@code 101}
 * answer, and the client's request and its check of the answer (in {@code ClientHandshake}). It decides and
 * formats; sending is the caller's. Stateless and thread-safe.
 */
public final class WebSocketHandshake {
    /** RFC 6455 section 1.3: the GUID appended to the client's key before hashing. */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Headers the server writes itself; the application's extra headers may not override them. */
    private static final Set<String> SERVER_OWNED = Set.of("upgrade", "connection", "sec-websocket-accept",
            "sec-websocket-extensions", "content-length", "transfer-encoding");

    private WebSocketHandshake() {
    }

    /** What the server makes of an upgrade request. */
    public sealed interface Outcome {
    }

    /**
     * Upgrade: answer {@code 101} with {@link #response}.
     *
     * @param acceptKey the {@code Sec-WebSocket-Accept} value
     * @param deflate   the agreed permessage-deflate parameters, if any
     */
    public record Accepted(String acceptKey, Optional<DeflateParams> deflate) implements Outcome {
        /** Checks for nulls. */
        public Accepted {
            Objects.requireNonNull(acceptKey, "acceptKey");
            Objects.requireNonNull(deflate, "deflate");
        }
    }

    /**
     * Refuse: answer {@code status} with {@code headers} and close.
     *
     * @param status  400, 405 or 426
     * @param headers headers the answer must carry ({@code allow}, {@code sec-websocket-version})
     * @param detail  which rule the request broke, for logs; never echoes the request
     */
    public record Rejected(int status, Headers headers, String detail) implements Outcome {
        /** Checks for nulls. */
        public Rejected {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** @return base64(SHA-1(key + GUID)), RFC 6455 section 4.2.2 step 5.4 */
    public static String acceptKey(String secWebSocketKey) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((secWebSocketKey + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1 (MessageDigest's required algorithms)", e);
        }
    }

    /**
     * Checks an upgrade request already known to carry {@code Upgrade: websocket} and {@code Connection: upgrade}.
     *
     * @param deflateEnabled whether the server offers permessage-deflate at all
     */
    public static Outcome check(RequestHead head, boolean deflateEnabled) {
        if (!head.method().equals("GET")) {
            return new Rejected(405, Headers.of("allow", "GET"), "RFC 6455 section 4.1: the handshake method is GET");
        }
        if (!head.httpVersion().equals("1.1")) {
            return rejected(400, "RFC 6455 section 4.1: the handshake is an HTTP/1.1 request");
        }
        List<String> keys = head.headers().all("sec-websocket-key");
        if (keys.size() != 1) {
            return rejected(400, "RFC 6455 section 4.2.1: exactly one Sec-WebSocket-Key, got " + keys.size());
        }
        if (!isNonce(keys.get(0))) {
            return rejected(400, "RFC 6455 section 4.2.1: Sec-WebSocket-Key is base64 of 16 bytes");
        }
        List<String> versions = head.headers().all("sec-websocket-version");
        if (versions.size() != 1 || !versions.get(0).equals("13")) {
            // Section 4.4: answer 426 with the versions we do speak.
            return new Rejected(426, Headers.of("sec-websocket-version", "13"),
                    "RFC 6455 section 4.2.1: Sec-WebSocket-Version is 13");
        }
        Optional<DeflateParams> deflate = deflateEnabled
                ? PerMessageDeflate.negotiate(head.headers().all("sec-websocket-extensions"))
                : Optional.empty();
        return new Accepted(acceptKey(keys.get(0)), deflate);
    }

    /**
     * @param subprotocol  the application's choice, a token; it wins over a {@code sec-websocket-protocol} in
     *                     {@code extraHeaders}
     * @param extraHeaders the application's headers; those the server owns (upgrade, connection,
     *                     sec-websocket-accept, sec-websocket-extensions, content-length, transfer-encoding) are
     *                     skipped
     * @param date         the {@code date} value, unless {@code extraHeaders} sets one
     * @param serverHeader the {@code server} value, unless {@code extraHeaders} sets one
     * @return the {@code 101 Switching Protocols} head, ending with the empty line
     */
    public static byte[] response(Accepted accepted, Optional<String> subprotocol, Headers extraHeaders, String date,
            Optional<String> serverHeader) {
        subprotocol.ifPresent(p -> requireToken("subprotocol", p));
        Headers.Builder h = Headers.builder().add("upgrade", "websocket").add("connection", "Upgrade")
                .add("sec-websocket-accept", accepted.acceptKey());
        subprotocol.ifPresent(p -> h.add("sec-websocket-protocol", p));
        accepted.deflate().ifPresent(d -> h.add("sec-websocket-extensions", d.responseHeaderValue()));
        for (Header x : extraHeaders) {
            boolean chosenElsewhere = subprotocol.isPresent() && x.name().equals("sec-websocket-protocol");
            if (!SERVER_OWNED.contains(x.name()) && !chosenElsewhere) {
                h.add(x);
            }
        }
        if (!extraHeaders.contains("date")) {
            h.add("date", date);
        }
        if (serverHeader.isPresent() && !extraHeaders.contains("server")) {
            h.add("server", serverHeader.get());
        }
        return Http1Writer.responseHead(101, h.build());
    }

    /** @return a fresh {@code Sec-WebSocket-Key}: 16 random bytes in base64 (RFC 6455 section 4.1) */
    public static String newKey(RandomGenerator random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * @param hostHeader   the {@code host} value
     * @param target       the request target, such as {@code /chat?room=1} (ASCII)
     * @param subprotocols tokens to offer, in preference order; none for no header
     * @param offerDeflate whether to offer permessage-deflate ({@link DeflateParams#offerHeaderValue()})
     * @return the client's upgrade request head (RFC 6455 section 4.1)
     */
    public static byte[] request(String hostHeader, String target, String key, List<String> subprotocols,
            boolean offerDeflate, Headers extraHeaders) {
        return ClientHandshake.request(hostHeader, target, key, subprotocols, offerDeflate, extraHeaders);
    }

    /** @return what is wrong with the server's answer to an upgrade request sent with {@code key}, if anything */
    public static Optional<String> verifyResponse(int status, Headers responseHeaders, String key) {
        return ClientHandshake.verifyResponse(status, responseHeaders, key);
    }

    /** RFC 6455 section 4.1: "a randomly selected 16-byte value that has been base64-encoded". */
    private static boolean isNonce(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Rejected rejected(int status, String detail) {
        return new Rejected(status, Headers.empty(), detail);
    }

    static void requireToken(String what, String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> ExtensionHeader.isTokenChar((char) c))) {
            throw new IllegalArgumentException(what + " must be a token (RFC 6455 section 4.1, RFC 9110 section 5.6.2)");
        }
    }
}
