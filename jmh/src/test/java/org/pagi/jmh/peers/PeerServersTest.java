package org.pagi.jmh.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both peer servers answer the conformance app's endpoints the way the load test expects, keep connections
 * alive, and honour {@code Connection: close}: otherwise the comparison would measure something else.
 */
class PeerServersTest {
    private static final String HOST = "Host: 127.0.0.1\r\n";

    /** How to start one peer on a free port. */
    interface Starter {
        PeerServer start() throws Exception;
    }

    static Stream<Starter> peers() {
        return Stream.of(named("netty", () -> NettyPeer.start("127.0.0.1", 0, 1)),
                named("jdk-httpserver", () -> JdkHttpPeer.start("127.0.0.1", 0)));
    }

    private static Starter named(String name, Starter starter) {
        return new Starter() {
            @Override
            public PeerServer start() throws Exception {
                return starter.start();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void answersHelloTwiceOnOneKeptAliveConnection(Starter peer) throws Exception {
        try (PeerServer server = peer.start(); RawClient client = new RawClient(server.port())) {
            for (int i = 0; i < 2; i++) {
                RawClient.Response r = client.exchange("GET", "GET / HTTP/1.1\r\n" + HOST + "\r\n", new byte[0]);
                assertEquals(200, r.status());
                assertEquals("text/plain", r.headers().first("content-type").orElseThrow());
                assertEquals("Hello from PAGI!", r.text());
                assertTrue(r.keepAlive(), "response " + i + " keeps the connection");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void echoesA64KibBody(Starter peer) throws Exception {
        byte[] body = new byte[64 * 1024];
        Arrays.fill(body, (byte) 'x');
        body[0] = 'a';
        body[body.length - 1] = 'z';
        try (PeerServer server = peer.start(); RawClient client = new RawClient(server.port())) {
            RawClient.Response r = client.exchange("POST", "POST /echo HTTP/1.1\r\n" + HOST
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n", body);
            assertEquals(200, r.status());
            assertEquals("application/octet-stream", r.headers().first("content-type").orElseThrow());
            assertArrayEquals(body, r.body());
            assertTrue(r.keepAlive());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void closesTheConnectionWhenTheClientAsks(Starter peer) throws Exception {
        try (PeerServer server = peer.start(); RawClient client = new RawClient(server.port())) {
            RawClient.Response r = client.exchange("GET",
                    "GET / HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n", new byte[0]);
            assertEquals("Hello from PAGI!", r.text());
            assertFalse(r.keepAlive(), "the response says the connection closes");
            assertTrue(client.serverClosed(), "the server closed the connection");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void answersUnknownPathsWith404AndWrongMethodsWith405(Starter peer) throws Exception {
        try (PeerServer server = peer.start(); RawClient client = new RawClient(server.port())) {
            assertEquals(404, client.exchange("GET", "GET /nope HTTP/1.1\r\n" + HOST + "\r\n", new byte[0]).status());
            assertEquals(405, client.exchange("GET", "GET /echo HTTP/1.1\r\n" + HOST + "\r\n", new byte[0]).status());
        }
    }

    @Test
    void peerArgumentsNeedAPortAndRejectUnknownOptions() {
        assertEquals(new PeerArgs("127.0.0.1", 8080, 1), PeerArgs.parse("--port", "8080"));
        assertEquals(new PeerArgs("::1", 0, 2), PeerArgs.parse("--host", "::1", "--port", "0", "--threads", "2"));
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse("--threads", "1"));
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse("--port", "80", "--workers", "1"));
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse("--port", "x"));
    }
}
