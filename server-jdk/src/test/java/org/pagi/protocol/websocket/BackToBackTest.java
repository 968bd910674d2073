package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketMessage;

/**
 * A client and a server wired back to back through the public API only, the way the server and the test client
 * use it: handshake bytes through the HTTP/1.1 parser, then frames through two codecs (STYLE: h11's
 * ConnectionPair).
 */
class BackToBackTest {
    private static List<WsEvent> receive(WebSocketCodec codec, ByteBuffer[] frames) {
        for (ByteBuffer b : frames) {
            codec.feed(b);
        }
        List<WsEvent> events = new ArrayList<>();
        Wire.drain(codec, events);
        return events;
    }

    @Test
    void aClientAndAServerShakeHandsNegotiateDeflateAndTalk() throws Exception {
        Random random = new Random(42);
        String key = WebSocketHandshake.newKey(random);
        byte[] request = WebSocketHandshake.request("localhost", "/echo", key, List.of("chat"), true, Headers.empty());

        Http1Parser serverHttp = new Http1Parser(Http1Parser.Role.SERVER, Http1Limits.defaults());
        serverHttp.feed(ByteBuffer.wrap(request));
        Http1Event.Request upgrade = (Http1Event.Request) serverHttp.next();
        WebSocketHandshake.Accepted accepted = assertInstanceOf(WebSocketHandshake.Accepted.class,
                WebSocketHandshake.check(upgrade.head(), true));
        byte[] response = WebSocketHandshake.response(accepted, Optional.of("chat"), Headers.empty(),
                "Tue, 24 Nov 2026 12:00:00 GMT", Optional.of("pagi"));

        Http1Parser clientHttp = new Http1Parser(Http1Parser.Role.CLIENT, Http1Limits.defaults());
        clientHttp.feed(ByteBuffer.wrap(response));
        Http1Event.Response answer = (Http1Event.Response) clientHttp.next();
        assertEquals(Optional.empty(), WebSocketHandshake.verifyResponse(answer.status(), answer.headers(), key));
        Optional<DeflateParams> agreed = PerMessageDeflate.acceptResponse(
                answer.headers().first("sec-websocket-extensions").orElseThrow());
        assertEquals(accepted.deflate(), agreed);

        try (WebSocketCodec server = new WebSocketCodec(WebSocketCodec.Role.SERVER, WebSocketLimits.defaults(),
                accepted.deflate());
                WebSocketCodec client = new WebSocketCodec(WebSocketCodec.Role.CLIENT, WebSocketLimits.defaults(), agreed,
                        random)) {
            WebSocketMessage hello = WebSocketMessage.text("hello, ".repeat(50));
            assertEquals(List.of(new WsEvent.Message(hello)), receive(server, client.message(hello)));
            assertEquals(List.of(new WsEvent.Message(hello)), receive(client, server.message(hello)));

            WsEvent.Ping ping = (WsEvent.Ping) receive(server, client.ping(Bytes.ascii("are you there"))).get(0);
            assertEquals(List.of(new WsEvent.Pong(ping.payload())), receive(client, server.pong(ping.payload())));

            WsEvent.Close close = (WsEvent.Close) receive(server, client.close(1000, "bye")).get(0);
            assertEquals(new WsEvent.Close(1000, "bye"), close);
            assertEquals(List.of(close), receive(client, server.close(close.code(), close.reason())));
        }
    }

    @Test
    void aServerAnswersAFailureWithACloseCarryingItsCode() {
        try (WebSocketCodec server = Wire.codec(WebSocketCodec.Role.SERVER);
                WebSocketCodec client = Wire.codec(WebSocketCodec.Role.CLIENT)) {
            WsEvent.Failure f = (WsEvent.Failure) receive(server,
                    WebSocketCodec.frame(true, 0, Opcodes.TEXT, Bytes.of(new byte[] {(byte) 0xFF}), Optional.of(Wire.KEY)))
                    .get(0);
            assertEquals(List.of(new WsEvent.Close(1007, "")), receive(client, server.close(f.closeCode(), "")));
        }
    }
}
