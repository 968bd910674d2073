package org.pagi.jmh.peers;

import java.nio.charset.StandardCharsets;

/**
 * A running peer server: a server that is not ours, answering the same two endpoints as the PAGI conformance
 * app so that jmh/run-load.sh can compare like with like.
 *
 * <ul>
 *   <li>{@code GET /}: 200, {@code text/plain}, {@code Hello from PAGI!}</li>
 *   <li>{@code POST /echo}: 200, {@code application/octet-stream}, the request body</li>
 *   <li>any other path: 404; a known path with another method: 405</li>
 * </ul>
 * Connections are kept alive unless the client asks otherwise ({@code Connection: close}, or HTTP/1.0 without
 * {@code keep-alive}). Implementations are thread-safe.
 */
public interface PeerServer extends AutoCloseable {
    /** The hello body. */
    byte[] HELLO = "Hello from PAGI!".getBytes(StandardCharsets.US_ASCII);

    /** @return the port the server is bound to */
    int port();

    /** Stops accepting, closes every connection and waits for the server's threads to end. */
    @Override
    void close();

    /** Runs a peer from {@code main}: prints where it listens, then serves until the process is stopped. */
    static void serveUntilStopped(PeerServer server, String name, String host) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, name + "-shutdown"));
        System.out.println(name + " listening on http://" + host + ":" + server.port() + "/");
        Thread.currentThread().join();
    }
}
