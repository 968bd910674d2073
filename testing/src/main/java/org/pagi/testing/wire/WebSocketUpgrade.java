package org.pagi.testing.wire;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.websocket.DeflateParams;
import org.pagi.protocol.websocket.PerMessageDeflate;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.protocol.websocket.WebSocketLimits;
import org.pagi.spec.Headers;

/**
 * The client's reading of the answer to a WebSocket handshake (RFC 6455 section 4.1): a {@code 101} that passes
 * every check a client makes becomes an open {@link WireWebSocket}, any other status a
 * {@link WireRefusedException}, and a {@code 101} that fails a check an {@link AssertionError}, after the client
 * drops the connection as a browser would. Stateless.
 */
final class WebSocketUpgrade {
    private WebSocketUpgrade() {
    }

    /**
     * @param request what the client asked for: the key and its offers
     * @return the open WebSocket
     */
    static WireWebSocket answer(ResponseStream responses, ServerBytes in, ToServer server, Offer request,
            Duration timeout, RandomGenerator maskKeys) {
        long deadline = ServerBytes.deadline(timeout);
        Http1Event.Response head;
        do {
            head = responses.head("GET", true, deadline);
        } while (head.status() < 200 && head.status() != 101); // another 1xx: not the answer yet
        if (head.status() != 101) {
            throw new WireRefusedException("the WebSocket handshake was refused", responses.rest(head, deadline));
        }
        Headers headers = head.headers();
        Optional<String> problem = WebSocketHandshake.verifyResponse(101, headers, request.key());
        Optional<String> subprotocol = Optional.empty();
        Optional<DeflateParams> deflate = Optional.empty();
        if (problem.isEmpty()) {
            List<String> chosen = headers.all("sec-websocket-protocol");
            subprotocol = chosen.size() == 1 ? Optional.of(chosen.get(0).trim()) : Optional.empty();
            if (chosen.size() > 1 || subprotocol.isPresent() && !request.subprotocols().contains(subprotocol.get())) {
                problem = Optional.of("the server chose subprotocol " + chosen + ", not one the client offered ("
                        + request.subprotocols() + ")");
            }
        }
        List<String> extensions = headers.all("sec-websocket-extensions");
        if (problem.isEmpty() && !extensions.isEmpty()) {
            String answer = String.join(", ", extensions);
            deflate = request.deflate() ? PerMessageDeflate.acceptResponse(answer) : Optional.empty();
            if (deflate.isEmpty()) {
                problem = Optional.of("the server answered extensions '" + answer + "', which a client offering "
                        + (request.deflate() ? DeflateParams.defaults().offerHeaderValue() : "none") + " must refuse");
            }
        }
        if (problem.isPresent()) {
            server.fin(); // RFC 6455 section 4.1: the client fails the WebSocket connection
            throw new AssertionError("the server's 101 fails the client's checks: " + problem.get());
        }
        WebSocketCodec codec = new WebSocketCodec(WebSocketCodec.Role.CLIENT, WebSocketLimits.defaults(), deflate,
                maskKeys);
        return new WireWebSocket(server, in, codec, headers, subprotocol, responses.takeBuffered(), timeout, maskKeys);
    }

    /**
     * What the client's handshake request offered.
     *
     * @param key          its {@code Sec-WebSocket-Key}
     * @param subprotocols the subprotocols it offered
     * @param deflate      whether it offered permessage-deflate
     */
    record Offer(String key, List<String> subprotocols, boolean deflate) {
        Offer {
            subprotocols = List.copyOf(subprotocols);
        }
    }
}
