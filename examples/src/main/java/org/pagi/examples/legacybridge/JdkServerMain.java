package org.pagi.examples.legacybridge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.pagi.spec.Application;
import org.pagi.wrappers.bridge.PagiHttpHandler;

/**
 * The bridge the other way: a PAGI application (example 01's hello) served by the JDK's own {@link HttpServer}
 * through the wrappers' {@link PagiHttpHandler}, for a code base that must keep that server. There is no lifespan
 * there; each exchange runs on a virtual thread.
 */
public final class JdkServerMain {
    private JdkServerMain() {
    }

    /**
     * Starts {@code app} on a JDK {@code HttpServer}.
     *
     * @param host the address to bind
     * @param port the port; 0 for any free one
     * @return the running server; {@code stop(0)} ends it
     * @throws IOException if it cannot bind
     */
    public static HttpServer start(Application app, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", PagiHttpHandler.of(app));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    /** @param args the port (5001 when none) */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5001;
        HttpServer server = start(new org.pagi.examples.hellohttp.App(), "127.0.0.1", port);
        System.out.println("the JDK's HttpServer serves org.pagi.examples.hellohttp.App on http://127.0.0.1:"
                + server.getAddress().getPort() + "/");
    }
}
