package org.pagi.wrappers.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;

/**
 * Two real servers on 127.0.0.1, port 0: a backend running a test app, and a front running a {@link Proxy} to
 * it, plus an HTTP/1.1 client for the front. Closing stops all of them.
 */
final class ProxyRig implements AutoCloseable {
    final PagiServer backend;
    final Proxy proxy;
    final PagiServer front;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ProxyRig(PagiServer backend, Proxy proxy, UnaryOperator<Application> frontWrap) throws IOException {
        this.backend = backend;
        this.proxy = proxy;
        this.front = PagiServer.start(frontWrap.apply(proxy), config());
    }

    /** A backend running {@code app}, and a proxy to it with {@code options} applied. */
    static ProxyRig start(Application app, UnaryOperator<Proxy.Builder> options) throws IOException {
        return start(app, options, UnaryOperator.identity());
    }

    /** As above, with the front serving {@code frontWrap} around the proxy (a middleware stand-in). */
    static ProxyRig start(Application app, UnaryOperator<Proxy.Builder> options, UnaryOperator<Application> frontWrap)
            throws IOException {
        PagiServer backend = PagiServer.start(app, config());
        try {
            Proxy proxy = options.apply(Proxy.to("http://127.0.0.1:" + backend.port())).build();
            return new ProxyRig(backend, proxy, frontWrap);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** A proxy to {@code backendUrl}, with no backend started here. */
    static ProxyRig startTo(String backendUrl, UnaryOperator<Proxy.Builder> options) throws IOException {
        return new ProxyRig(null, options.apply(Proxy.to(backendUrl)).build(), UnaryOperator.identity());
    }

    private static ServerConfig config() {
        return ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false).maxBodyBytes(0)
                .shutdownGrace(Duration.ofSeconds(2)).build();
    }

    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + front.port() + pathAndQuery);
    }

    @Override
    public void close() {
        client.shutdownNow();
        front.close();
        proxy.close();
        if (backend != null) {
            backend.close();
        }
    }
}
