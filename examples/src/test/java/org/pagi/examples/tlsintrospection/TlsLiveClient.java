package org.pagi.examples.tlsintrospection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.server.tls.TlsSettings;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * {@link ExampleClient} over real TLS: the application on a {@link PagiServer} serving HTTPS on an ephemeral
 * loopback port, the requests through the JDK's {@code HttpClient} with an {@code SSLContext} that trusts the test
 * certificate (and presents a client certificate when given one). The server runs the lifespan, as
 * {@code bin/pagi-server} does. Used from one test thread.
 */
final class TlsLiveClient implements ExampleClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PagiServer server;
    private final HttpClient client;

    private TlsLiveClient(PagiServer server, HttpClient client) {
        this.server = server;
        this.client = client;
    }

    static TlsLiveClient start(Application app, ExecutionMode mode, TlsSettings tls, SSLContext clientContext) {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false).executionMode(mode)
                .loops(2).shutdownGrace(Duration.ofSeconds(2)).tls(tls).build();
        try {
            PagiServer server = PagiServer.start(app, config);
            return new TlsLiveClient(server, HttpClient.newBuilder().sslContext(clientContext)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server", e);
        }
    }

    @Override
    public ExampleResponse send(ExampleRequest request) {
        List<Bytes> body = request.body();
        HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.stream().reduce(Bytes.empty(), Bytes::concat)
                        .toByteArray());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port()
                + request.path())).timeout(TIMEOUT).method(request.method(), publisher);
        for (Header h : request.headers()) {
            builder.header(h.name(), h.text());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the response", e);
        }
        Headers.Builder headers = Headers.builder();
        response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        Bytes bytes = Bytes.of(response.body());
        return new ExampleResponse(response.statusCode(), headers.build(), bytes.isEmpty() ? List.of() : List.of(bytes),
                Headers.empty());
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
