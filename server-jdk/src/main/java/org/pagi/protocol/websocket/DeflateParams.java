package org.pagi.protocol.websocket;

/**
 * The agreed parameters of permessage-deflate (RFC 7692 section 7.1), from the server's point of view of the
 * names: "server" parameters govern what the server compresses, "client" parameters what the client compresses.
 * Window bits are 8 to 15; 15, the DEFLATE maximum, is also what leaving a parameter out means. The one case where
 * 15 must still be written is a client that offered {@code server_max_window_bits=15}: a server accepts that offer
 * only by answering with the parameter (RFC 7692 section 7.1.2.1), hence {@code serverWindowAnswered}.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message
 * @param clientNoContextTakeover the client resets its compressor after every message
 * @param serverMaxWindowBits     the largest LZ77 window the server's compressor may use
 * @param clientMaxWindowBits     the largest LZ77 window the client's compressor may use
 * @param serverWindowAnswered    whether {@code server_max_window_bits} is part of the agreement (offered by the
 *                                client), so the server's answer carries it even at 15
 */
public record DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits,
        int clientMaxWindowBits, boolean serverWindowAnswered) {
    /** The extension's registered name. */
    public static final String NAME = "permessage-deflate";
    /** The smallest window RFC 7692 allows. */
    public static final int MIN_WINDOW_BITS = 8;
    /** The largest window, DEFLATE's 32 KiB. */
    public static final int MAX_WINDOW_BITS = 15;

    /** Checks the window sizes, naming the bad one. */
    public DeflateParams {
        checkBits("serverMaxWindowBits", serverMaxWindowBits);
        checkBits("clientMaxWindowBits", clientMaxWindowBits);
        serverWindowAnswered |= serverMaxWindowBits < MAX_WINDOW_BITS;
    }

    /** Parameters where {@code server_max_window_bits} is part of the agreement only when it is below 15. */
    public DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits,
            int clientMaxWindowBits) {
        this(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits, false);
    }

    /** @return no parameters: both sides keep their context and use full windows */
    public static DeflateParams defaults() {
        return new DeflateParams(false, false, MAX_WINDOW_BITS, MAX_WINDOW_BITS);
    }

    /**
     * @return the {@code Sec-WebSocket-Extensions} value a server answers with, for example
     *     {@code permessage-deflate; server_no_context_takeover}
     */
    public String responseHeaderValue() {
        StringBuilder sb = new StringBuilder(NAME);
        flag(sb, serverNoContextTakeover, "server_no_context_takeover");
        flag(sb, clientNoContextTakeover, "client_no_context_takeover");
        if (serverWindowAnswered) {
            sb.append("; server_max_window_bits=").append(serverMaxWindowBits);
        }
        bits(sb, "client_max_window_bits", clientMaxWindowBits);
        return sb.toString();
    }

    /**
     * @return the {@code Sec-WebSocket-Extensions} value a client offers. It always carries
     *     {@code client_max_window_bits} (with a value when below 15): the client can honour any window the server
     *     asks for, since it then compresses Huffman-only (see {@link PerMessageDeflate}).
     */
    public String offerHeaderValue() {
        StringBuilder sb = new StringBuilder(NAME);
        flag(sb, serverNoContextTakeover, "server_no_context_takeover");
        flag(sb, clientNoContextTakeover, "client_no_context_takeover");
        bits(sb, "server_max_window_bits", serverMaxWindowBits);
        if (clientMaxWindowBits == MAX_WINDOW_BITS) {
            sb.append("; client_max_window_bits");
        } else {
            bits(sb, "client_max_window_bits", clientMaxWindowBits);
        }
        return sb.toString();
    }

    private static void flag(StringBuilder sb, boolean on, String name) {
        if (on) {
            sb.append("; ").append(name);
        }
    }

    private static void bits(StringBuilder sb, String name, int bits) {
        if (bits < MAX_WINDOW_BITS) {
            sb.append("; ").append(name).append('=').append(bits);
        }
    }

    private static void checkBits(String name, int bits) {
        if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException(name + " must be " + MIN_WINDOW_BITS + " to " + MAX_WINDOW_BITS
                    + " (RFC 7692 section 7.1.2), got " + bits);
        }
    }
}
