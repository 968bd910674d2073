package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;

/**
 * An application on a real {@link PagiServer} (127.0.0.1, an ephemeral port) and the JDK's HTTP/1.1 and WebSocket
 * clients talking to it, for the tests that run applications behind {@link RecommendedStack}. Every wait is
 * bounded; {@link #close()} drops the client and stops the server (lifespan shutdown included).
 */
final class RecommendedStackServer implements AutoCloseable {
    /** How long any single answer may take: far more than it needs, so only a stuck stream trips it. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final PagiServer server;
    private final HttpClient client;

    RecommendedStackServer(Application app) throws IOException {
        server = PagiServer.start(app, ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    /** @return the server's port */
    int port() {
        return server.port();
    }

    /** @return a request for {@code path} on this server, bounded by {@link #WAIT} */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(WAIT);
    }

    /** @return the response to {@code request}, body as text */
    HttpResponse<String> text(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the response to {@code request}, body read as it arrives */
    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return client.send(request.build(), body);
    }

    /**
     * @param headers name, value, name, value...
     * @return an open WebSocket on {@code path} whose text messages are queued in {@link Socket#next()}
     */
    Socket websocket(String path, String... headers) throws Exception {
        Socket socket = new Socket();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(WAIT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        socket.ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), socket)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return socket;
    }

    @Override
    public void close() {
        try {
            client.shutdownNow();
        } finally {
            server.close();
        }
    }

    /** The next line starting with {@code data:} of an event stream, or a failure when the stream ended first. */
    static String nextData(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before the next event");
    }

    /**
     * @return the next line of {@code accessLog}, which must arrive within {@link #WAIT} and start with {@code prefix}
     *         (the tests make one request at a time)
     */
    static String assertLogged(BlockingQueue<String> accessLog, String prefix) throws InterruptedException {
        String line = accessLog.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(line, "no access log line for " + prefix);
        assertTrue(line.startsWith(prefix), line);
        return line;
    }

    /** A client WebSocket whose whole text messages wait in a queue. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** @return the next whole text message, waiting at most {@link #WAIT} */
        String next() throws InterruptedException {
            String message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(message, "no message within " + WAIT);
            return message;
        }

        /** Sends {@code text} as one message, waiting at most {@link #WAIT} for it to be written. */
        void send(String text) throws Exception {
            ws.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            ws.abort();
        }
    }
}
