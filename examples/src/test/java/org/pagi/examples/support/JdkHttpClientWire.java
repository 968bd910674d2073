package org.pagi.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * The JDK's HTTP client as the transport of {@link LiveServerClient}: a second, independent HTTP/1.1
 * implementation, as h11 checks itself against Python's standard library. A body of one piece goes with
 * {@code content-length}; several pieces go chunked (a publisher of unknown length). The response body is one
 * piece, since the client hides chunk boundaries, and the trailers are always empty: the client drops them.
 *
 * <p>Used from one test thread.
 */
final class JdkHttpClientWire implements ExampleClient {
    /** Far more than an answer needs, even on a loaded machine: it only bounds how long a failure takes. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final String origin;

    JdkHttpClientWire(int port) {
        this.origin = "http://127.0.0.1:" + port;
    }

    @Override
    public ExampleResponse send(ExampleRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(origin + request.path())).timeout(TIMEOUT)
                .method(request.method(), publisher(request.body()));
        for (Header h : request.headers()) {
            builder.header(h.name(), h.text());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no response within " + TIMEOUT, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the response", e);
        }
        Bytes body = Bytes.of(response.body());
        return new ExampleResponse(response.statusCode(), headers(response.headers().map()),
                body.isEmpty() ? List.of() : List.of(body), Headers.empty());
    }

    static BodyPublisher publisher(List<Bytes> body) {
        if (body.isEmpty()) {
            return BodyPublishers.noBody();
        }
        if (body.size() == 1) {
            return BodyPublishers.ofByteArray(body.get(0).toByteArray());
        }
        // Unknown length makes the client send the body chunked; an empty piece has no chunk of its own.
        BodyPublisher[] pieces = body.stream().filter(b -> !b.isEmpty())
                .map(b -> BodyPublishers.ofByteArray(b.toByteArray())).toArray(BodyPublisher[]::new);
        return BodyPublishers.fromPublisher(BodyPublishers.concat(pieces));
    }

    /** The client groups fields by name, so the order between names is lost; checks look fields up by name. */
    static Headers headers(Map<String, List<String>> fields) {
        Headers.Builder out = Headers.builder();
        fields.forEach((name, values) -> values.forEach(value -> out.add(name, value)));
        return out.build();
    }

    @Override
    public void close() {
        client.close();
    }
}
