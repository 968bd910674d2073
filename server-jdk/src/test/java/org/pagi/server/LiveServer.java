package org.pagi.server;

import java.io.IOException;
import org.pagi.spec.Application;

/** Starts a server on an ephemeral loopback port for one test and stops it after. */
final class LiveServer implements AutoCloseable {
    final PagiServer server;

    LiveServer(Application app, ServerConfig.Builder config) throws IOException {
        server = PagiServer.start(app, config.host("127.0.0.1").port(0).accessLog(false).build());
    }

    static LiveServer start(Application app, ExecutionMode mode) throws IOException {
        return new LiveServer(app, ServerConfig.builder().executionMode(mode).loops(2)
                .shutdownGrace(java.time.Duration.ofSeconds(2)));
    }

    int port() {
        return server.port();
    }

    RawConnection connect() throws IOException {
        return new RawConnection(port());
    }

    @Override
    public void close() {
        server.close();
    }
}
