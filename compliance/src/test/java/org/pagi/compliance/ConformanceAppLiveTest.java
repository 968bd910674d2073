package org.pagi.compliance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * The HTTP lines of the {@link ConformanceApp} contract over a real socket, on a live {@link PagiServer} in each
 * execution mode: read by the JDK's {@code java.net.http.HttpClient}, an independent client, and over a raw socket
 * with the kit's parser in the client role where chunk boundaries and trailers matter (the JDK's client hides
 * both). WebSocket and SSE are not served over sockets yet; {@link ConformanceAppTest} covers them in process.
 */
class ConformanceAppLiveTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<Bytes> STREAM_CHUNKS =
            List.of(Bytes.utf8("Chunk 1\n"), Bytes.utf8("Chunk 2\n"), Bytes.utf8("Chunk 3\n"));

    @Nested
    class OnVirtualThreads extends Contract {
        OnVirtualThreads() {
            super(ExecutionMode.VIRTUAL_THREADS);
        }
    }

    @Nested
    class OnTheEventLoop extends Contract {
        OnTheEventLoop() {
            super(ExecutionMode.EVENT_LOOP);
        }
    }

    /** Every check, against a server started for it in the subclass's execution mode. */
    abstract static class Contract {
        private final ExecutionMode mode;
        private PagiServer server;
        private HttpClient client;

        Contract(ExecutionMode mode) {
            this.mode = mode;
        }

        @BeforeEach
        void startServer() throws IOException {
            server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1").port(0)
                    .accessLog(false).executionMode(mode).shutdownGrace(Duration.ofSeconds(2)).build());
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        }

        @AfterEach
        void stopServer() {
            try {
                client.close();
            } finally {
                server.close();
            }
        }

        @Test
        void answersGetRootWithHelloFromPagi() throws Exception {
            HttpResponse<String> r = client.send(request("/").GET().build(), BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("text/plain"), r.headers().firstValue("content-type"));
            assertEquals(Optional.of("16"), r.headers().firstValue("content-length"));
            assertEquals("Hello from PAGI!", r.body());
        }

        @Test
        void answersHeadRootLikeGetWithoutTheBody() throws Exception {
            HttpResponse<byte[]> r = client.send(request("/").HEAD().build(), BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("16"), r.headers().firstValue("content-length"));
            assertEquals(0, r.body().length);
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void echoesAOneMebibyteRandomBodyByteForByte(String method) throws Exception {
            byte[] body = new byte[1024 * 1024];
            new Random(20_240_601).nextBytes(body);
            HttpResponse<byte[]> r = client.send(request("/echo").method(method, BodyPublishers.ofByteArray(body))
                    .build(), BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("application/octet-stream"), r.headers().firstValue("content-type"));
            assertArrayEquals(body, r.body());
        }

        @Test
        void echoesABodySentChunkedByteForByte() throws Exception {
            // A publisher of unknown length makes the JDK's client send the body chunked, one chunk per piece.
            byte[] binary = {0, -1, 13, 10};
            BodyPublisher pieces = BodyPublishers.fromPublisher(BodyPublishers.concat(
                    BodyPublishers.ofString("first, "), BodyPublishers.ofByteArray(binary),
                    BodyPublishers.ofString(", last")));
            HttpResponse<byte[]> r = client.send(request("/echo").POST(pieces).build(), BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(Bytes.utf8("first, ").concat(Bytes.of(binary)).concat(Bytes.utf8(", last")),
                    Bytes.of(r.body()));
        }

        @Test
        void echoesAnEmptyBodyAsAnEmptyBody() throws Exception {
            HttpResponse<byte[]> r = client.send(request("/echo").POST(BodyPublishers.noBody()).build(),
                    BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(0, r.body().length);
        }

        @Test
        void streamsThreeChunksWithoutTrailersWhenTheClientDoesNotAcceptThem() throws IOException {
            RawResponse r = RawResponse.exchange(server.port(), "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", "GET");
            assertEquals(200, r.status());
            assertEquals(Optional.of("text/plain"), r.headers().first("content-type"));
            assertEquals(List.of("chunked"), r.headers().all("transfer-encoding"));
            assertEquals(List.of(), r.headers().all("content-length"));
            assertEquals(STREAM_CHUNKS, r.chunks());
            assertEquals(Headers.empty(), r.trailers());
        }

        @Test
        void endsTheStreamWithTheCompleteTrailerWhenTheClientSendsTeTrailers() throws IOException {
            RawResponse r = RawResponse.exchange(server.port(),
                    "GET /stream HTTP/1.1\r\nHost: x\r\nTE: trailers\r\n\r\n", "GET");
            assertEquals(200, r.status());
            assertEquals(STREAM_CHUNKS, r.chunks());
            assertEquals(Headers.of("x-stream-complete", "1"), r.trailers());
        }

        @Test
        void streamsTheSameTextToTheJdkClient() throws Exception {
            HttpResponse<String> r = client.send(request("/stream").header("te", "trailers").GET().build(),
                    BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("Chunk 1\nChunk 2\nChunk 3\n", r.body());
        }

        @ParameterizedTest
        @ValueSource(ints = {200, 201, 202, 206, 301, 400, 404, 418, 500, 503, 599})
        void answersStatusPathsWithThatStatusAndAnEmptyBody(int status) throws Exception {
            HttpResponse<byte[]> r = client.send(request("/status/" + status).GET().build(),
                    BodyHandlers.ofByteArray());
            assertEquals(status, r.statusCode());
            assertEquals(Optional.of("0"), r.headers().firstValue("content-length"));
            assertEquals(0, r.body().length);
        }

        @ParameterizedTest
        @ValueSource(ints = {204, 304})
        void answersStatusPathsThatMustNotCarryALengthWithoutOne(int status) throws IOException {
            // Raw, so the check sees the header as sent: nothing may follow the head of a 204 or a 304.
            RawResponse r = RawResponse.exchange(server.port(),
                    "GET /status/" + status + " HTTP/1.1\r\nHost: x\r\n\r\n", "GET");
            assertEquals(status, r.status());
            assertEquals(List.of(), r.headers().all("content-length"));
            assertEquals(List.of(), r.headers().all("transfer-encoding"));
            assertEquals(List.of(), r.chunks());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/status/abc", "/status/99", "/status/100", "/status/600", "/nowhere", "/echo"})
        void answersEverythingElseWithNotFound(String path) throws Exception {
            assertNotFound(client.send(request(path).GET().build(), BodyHandlers.ofString()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/stream", "/status/200"})
        void answersUploadsToReadOnlyPathsWithNotFound(String path) throws Exception {
            assertNotFound(client.send(request(path).POST(BodyPublishers.ofString("ignored")).build(),
                    BodyHandlers.ofString()));
        }

        @Test
        void answersOtherMethodsOnEchoWithNotFound() throws Exception {
            assertNotFound(client.send(request("/echo").method("DELETE", BodyPublishers.noBody()).build(),
                    BodyHandlers.ofString()));
        }

        private static void assertNotFound(HttpResponse<String> r) {
            assertEquals(404, r.statusCode());
            assertEquals(Optional.of("text/plain"), r.headers().firstValue("content-type"));
            assertEquals(Optional.of("9"), r.headers().firstValue("content-length"));
            assertEquals("Not Found", r.body());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(TIMEOUT);
        }
    }

    /**
     * One response read off a fresh connection with the client-role parser: one body piece per {@link
     * Http1Event.Data}, which never spans two chunks (the server writes each small chunk whole, so each piece is
     * a chunk), and the trailers.
     */
    record RawResponse(int status, Headers headers, List<Bytes> chunks, Headers trailers) {

        /** Sends {@code request} as written and reads the response; fails after {@link #TIMEOUT}. */
        static RawResponse exchange(int port, String request, String method) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return read(socket.getInputStream(), method);
            }
        }

        private static RawResponse read(InputStream in, String method) throws IOException {
            try {
                ResponseReader.Response r = new ResponseReader(ResponseReader.of(in, new byte[16 * 1024]))
                        .read(method, false);
                return new RawResponse(r.status(), r.headers(), r.pieces(), r.trailers());
            } catch (ProtocolException e) {
                throw new AssertionError("the server sent malformed HTTP: " + e.getMessage(), e);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no response within " + TIMEOUT, e);
            }
        }
    }
}
