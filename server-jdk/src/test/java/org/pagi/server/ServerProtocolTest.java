package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pagi.spec.Headers;

/**
 * The HTTP/1.1 rules of the server over a real socket with raw bytes, in both execution modes: keep-alive,
 * pipelining, and every rejection as a complete response followed by a close.
 */
class ServerProtocolTest {

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void servesSeveralRequestsOnOneKeepAliveConnection(ExecutionMode mode) throws Exception {
        try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, mode); RawConnection c = s.connect()) {
            for (int i = 0; i < 5; i++) {
                c.send("GET /n" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals(200, r.status());
                assertEquals("GET /n" + i, r.text());
                assertTrue(r.keepAlive());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void answersPipelinedRequestsInOrder(ExecutionMode mode) throws Exception {
        try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, mode); RawConnection c = s.connect()) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                batch.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            c.send(batch.toString());
            for (int i = 0; i < 20; i++) {
                assertEquals("GET /p" + i, c.read().text());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void honoursConnectionClose(ExecutionMode mode) throws Exception {
        try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, mode); RawConnection c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawConnection.Response r = c.read();
            assertEquals(List.of("close"), r.headers().all("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void closesHttp10UnlessKeepAliveIsAsked(ExecutionMode mode) throws Exception {
        try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, mode)) {
            try (RawConnection c = s.connect()) {
                c.send("GET /a HTTP/1.0\r\n\r\n");
                assertEquals("GET /a", c.read().text());
                assertTrue(c.closedByServer());
            }
            try (RawConnection c = s.connect()) {
                c.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals(List.of("keep-alive"), r.headers().all("connection"));
                c.send("GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                assertEquals("GET /c", c.read().text());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void addsDateAndServerHeaders(ExecutionMode mode) throws Exception {
        try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, mode); RawConnection c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Headers h = c.read().headers();
            assertTrue(h.first("date").orElseThrow().endsWith(" GMT"), h.toString());
            assertEquals(List.of("pagi-jdk"), h.all("server"));
            assertEquals(List.of("5"), h.all("content-length"));
        }
    }

    static List<Arguments> rejections() {
        String big = "a".repeat(9000);
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 101; i++) {
            many.append("X-").append(i).append(": 1\r\n");
        }
        return List.of(
                Arguments.of("GET / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\nX: a\u0007b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
                Arguments.of("GET /" + big + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\nX: " + big + "\r\n\r\n", 431),
                Arguments.of(many + "\r\n", 431),
                Arguments.of("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n", 413),
                Arguments.of("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
                // RFC 6455 section 4.2.1: an upgrade without Sec-WebSocket-Key is not a WebSocket handshake.
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n", 400),
                Arguments.of("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n", 501),
                Arguments.of("GET x HTTP/1.1\r\nHost: x\r\n\r\n", 400));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void rejectsMalformedRequestsWithACompleteResponseThenCloses(String request, int status) throws Exception {
        try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, ExecutionMode.EVENT_LOOP);
                RawConnection c = s.connect()) {
            c.send(request);
            RawConnection.Response r = c.read();
            assertEquals(status, r.status(), r.text());
            assertEquals(List.of("close"), r.headers().all("connection"));
            assertEquals(Long.parseLong(r.headers().first("content-length").orElseThrow()), r.body().length());
            assertFalse(r.text().contains("\u0000"));
            assertTrue(c.closedByServer(), "the connection closes after a rejection");
            // the server keeps serving everyone else
            try (RawConnection other = s.connect()) {
                other.send("GET /still HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("GET /still", other.read().text());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void neverEchoesTheOffendingBytesInARejection(ExecutionMode mode) throws Exception {
        try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, mode); RawConnection c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nX: <script>\u0001</script>\r\n\r\n");
            RawConnection.Response r = c.read();
            assertEquals(400, r.status());
            assertFalse(r.text().contains("<script>"), r.text());
        }
    }
}
