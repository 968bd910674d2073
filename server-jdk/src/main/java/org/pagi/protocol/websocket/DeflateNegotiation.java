package org.pagi.protocol.websocket;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameter rules of RFC 7692 section 7.1, shared by the server (reading offers) and the client (reading the
 * answer). An offer or answer with an unknown parameter, a repeated one, or a bad value is not acceptable
 * (section 7.1: "the server MUST decline" such an offer, and the client "MUST Fail the WebSocket Connection").
 * Stateless.
 */
final class DeflateNegotiation {
    private DeflateNegotiation() {
    }

    /** @return the parameters of the first acceptable permessage-deflate offer among all the header values */
    static Optional<DeflateParams> negotiate(List<String> headerValues) {
        for (String value : headerValues) {
            for (ExtensionHeader.Extension e : ExtensionHeader.parse(value)) {
                if (!e.malformed() && e.name().equalsIgnoreCase(DeflateParams.NAME)) {
                    Optional<DeflateParams> params = read(e.params(), false);
                    if (params.isPresent()) {
                        return params;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** @return the agreed parameters if {@code value} is one well-formed permessage-deflate answer */
    static Optional<DeflateParams> acceptResponse(String value) {
        List<ExtensionHeader.Extension> list = ExtensionHeader.parse(value);
        // RFC 7692 section 5: the server accepts at most one permessage-deflate element, and we offered nothing else.
        if (list.size() != 1 || list.get(0).malformed() || !list.get(0).name().equalsIgnoreCase(DeflateParams.NAME)) {
            return Optional.empty();
        }
        return read(list.get(0).params(), true);
    }

    private static Optional<DeflateParams> read(List<ExtensionHeader.Param> params, boolean response) {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = DeflateParams.MAX_WINDOW_BITS;
        int clientBits = DeflateParams.MAX_WINDOW_BITS;
        boolean serverBitsGiven = false;
        Set<String> seen = new HashSet<>();
        for (ExtensionHeader.Param p : params) {
            String name = p.name().toLowerCase(java.util.Locale.ROOT);
            if (!seen.add(name)) {
                return Optional.empty(); // RFC 7692 section 7.1: duplicate parameters decline the offer
            }
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (p.hasValue()) {
                        return Optional.empty(); // section 7.1.1.1: it has no value
                    }
                    serverNoContext = true;
                }
                case "client_no_context_takeover" -> {
                    if (p.hasValue()) {
                        return Optional.empty(); // section 7.1.1.2: it has no value
                    }
                    clientNoContext = true;
                }
                case "server_max_window_bits" -> {
                    serverBits = windowBits(p.value()); // section 7.1.2.1: a value is required
                    if (serverBits < 0) {
                        return Optional.empty();
                    }
                    serverBitsGiven = true; // and accepting it means answering with it, even at 15

                }
                case "client_max_window_bits" -> {
                    // Section 7.1.2.2: an offer may give no value ("I can take any limit"); an answer must give one.
                    if (p.hasValue() || response) {
                        clientBits = windowBits(p.value());
                        if (clientBits < 0) {
                            return Optional.empty();
                        }
                    }
                }
                default -> {
                    return Optional.empty(); // section 7.1: an unknown parameter declines the offer
                }
            }
        }
        return Optional.of(new DeflateParams(serverNoContext, clientNoContext, serverBits, clientBits, serverBitsGiven));
    }

    /** @return 8-15 for a value written exactly as RFC 7692 section 7.1.2 allows (no sign, no leading zero), else -1 */
    private static int windowBits(String value) {
        return switch (value) {
            case "8" -> 8;
            case "9" -> 9;
            case "10" -> 10;
            case "11" -> 11;
            case "12" -> 12;
            case "13" -> 13;
            case "14" -> 14;
            case "15" -> 15;
            default -> -1;
        };
    }
}
