package org.pagi.jmh.peers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's built-in {@code com.sun.net.httpserver.HttpServer} as a peer: one virtual thread per exchange, as
 * a JDK-only server written today would do it. Its own dispatcher thread accepts and parses; keep-alive and
 * {@code Connection: close} are the JDK's handling (we only add the {@code Connection: close} header it leaves
 * out). Run it with
 * {@code java -cp benchmarks.jar org.pagi.jmh.peers.JdkHttpPeer --port 8080}. See {@link PeerServer}.
 */
public final class JdkHttpPeer implements PeerServer {
    private final HttpServer server;
    private final ExecutorService executor;

    private JdkHttpPeer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @return a server listening on {@code host:port} */
    public static JdkHttpPeer start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", JdkHttpPeer::handle);
        server.start();
        return new JdkHttpPeer(server, executor);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body;
            String type = "text/plain";
            int status = 200;
            if (path.equals("/") && method.equals("GET")) {
                body = HELLO;
            } else if (path.equals("/echo") && method.equals("POST")) {
                body = in.readAllBytes();
                type = "application/octet-stream";
            } else {
                boolean known = path.equals("/") || path.equals("/echo");
                status = known ? 405 : 404;
                body = (known ? "method not allowed" : "not found").getBytes(StandardCharsets.US_ASCII);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            if (asksToClose(exchange)) {
                // The JDK closes after this response but does not say so; RFC 9112 section 9.6: the server
                // "SHOULD send a "close" connection option in its final response".
                exchange.getResponseHeaders().set("Connection", "close");
            }
            // A length of -1 means "no body"; 0 would mean chunked.
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static boolean asksToClose(HttpExchange exchange) {
        for (String value : exchange.getRequestHeaders().getOrDefault("Connection", List.of())) {
            for (String option : value.split(",")) {
                if (option.strip().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    /** Starts the server from the command line ({@link PeerArgs}) and serves until the process is stopped. */
    public static void main(String[] args) throws IOException, InterruptedException {
        PeerArgs a = PeerArgs.parse(args);
        PeerServer.serveUntilStopped(start(a.host(), a.port()), "jdk-httpserver", a.host());
    }
}
