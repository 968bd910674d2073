package org.pagi.examples.ssedashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest proxy in front of several instances, for a browser test: it listens on a loopback port and pipes
 * each connection, bytes untouched, to the instance it points at when the connection arrives. {@link #switchTo}
 * takes the current instance out of rotation as a proxy does with one that went away: new connections go to the
 * other, and the open ones are cut, so a browser's reconnection (an {@code EventSource}'s included) reaches the
 * other instance. {@link #hold} keeps what browsers send, on any connection, until {@link #release}, so a test can
 * act while a page is away for as long as it takes, not only for the page's reconnection delay. Every thread it
 * starts is virtual and ends when {@link #close()} closes the sockets.
 */
final class ConnectionSwitch implements AutoCloseable {
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile int target;
    /** Completes when what browsers send may go on to the instance. */
    private volatile CompletableFuture<Void> passing = CompletableFuture.completedFuture(null);

    /** Listens on 127.0.0.1, on a free port, piping to {@code targetPort}. */
    ConnectionSwitch(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.add(Thread.ofVirtual().name("switch-accept").start(this::accept));
    }

    /** @return the port browsers connect to */
    int port() {
        return listener.getLocalPort();
    }

    /** New connections go to {@code targetPort} from now; the open ones are closed. */
    void switchTo(int targetPort) {
        target = targetPort;
        for (Socket socket : Set.copyOf(open)) {
            closeQuietly(socket);
        }
    }

    /**
     * From now until {@link #release}, bytes from browsers wait here, on new connections and open ones alike (a
     * browser may send its next request on a connection it kept alive); bytes from the instances still pass, so a
     * stream the instance ends is seen to end.
     */
    void hold() {
        passing = new CompletableFuture<>();
    }

    /** Lets what browsers sent since {@link #hold} go on to the instance, and what they send next. */
    void release() {
        passing.complete(null);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5_000);
            } catch (IOException refused) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(upstream);
            threads.add(Thread.ofVirtual().name("switch-up").start(() -> pipe(client, upstream, true)));
            threads.add(Thread.ofVirtual().name("switch-down").start(() -> pipe(upstream, client, false)));
        }
    }

    /**
     * Copies {@code from} to {@code to} until either ends, then closes both (the other pipe ends with them); bytes
     * from a browser ({@code held}) wait while {@link #hold} is in force.
     */
    private void pipe(Socket from, Socket to, boolean held) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (held) {
                    passing.join();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // one side went: the connection is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }

    @Override
    public void close() {
        release();
        try {
            listener.close();
        } catch (IOException ignored) {
            // the accept thread ends either way
        }
        for (Socket socket : Set.copyOf(open)) {
            closeQuietly(socket);
        }
        try {
            for (Thread thread : threads) {
                thread.join(5_000); // each ends with its socket
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
