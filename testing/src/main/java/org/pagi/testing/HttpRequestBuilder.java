package org.pagi.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.testing.http.FormEncoder;
import org.pagi.testing.http.Multipart;

/**
 * One HTTP request of the {@link TestClient}: headers, query, body, then {@link #send()} for the whole response
 * or {@link #stream()} to read it as it is produced.
 *
 * <p>Bodies: {@link #body(Bytes)} (sent with {@code content-length}), {@link #text}, {@link #json},
 * {@link #form}, {@link #multipart}, or {@link #bodyChunks} (several {@code http.request} events, sent with
 * {@code transfer-encoding: chunked}), or {@link #openBody()} to write the body from the test while the
 * application runs. Not thread-safe; use one builder per request.
 */
public final class HttpRequestBuilder extends RequestBuilderBase<HttpRequestBuilder> {
    private List<Bytes> chunks = List.of();
    private boolean chunked;
    private boolean open;
    private boolean bodySet;
    private Boolean followRedirects;

    HttpRequestBuilder(TestClient client, String method, String path) {
        super(client, method, path);
    }

    /** Sends {@code body} as one piece, with {@code content-length}. */
    public HttpRequestBuilder body(Bytes body) {
        setBody(List.of(body), false);
        return this;
    }

    /** Sends {@code body} with {@code content-type}. */
    public HttpRequestBuilder body(Bytes body, String contentType) {
        header("content-type", contentType);
        return body(body);
    }

    /** Sends {@code text} as UTF-8, {@code content-type: text/plain; charset=utf-8}. */
    public HttpRequestBuilder text(String text) {
        return body(Bytes.utf8(text), "text/plain; charset=utf-8");
    }

    /** Sends {@code value} serialized by Jackson, {@code content-type: application/json}. */
    public HttpRequestBuilder json(Object value) {
        return body(Json.write(value), "application/json");
    }

    /** Sends url-encoded form fields, in the map's order. */
    public HttpRequestBuilder form(Map<String, String> fields) {
        return body(FormEncoder.encode(fields), FormEncoder.CONTENT_TYPE);
    }

    /** Sends a {@code multipart/form-data} body. */
    public HttpRequestBuilder multipart(Multipart multipart) {
        return body(multipart.body(), multipart.contentType());
    }

    /** Sends the body as several {@code http.request} events, one per chunk, {@code transfer-encoding: chunked}. */
    public HttpRequestBuilder bodyChunks(List<Bytes> pieces) {
        setBody(List.copyOf(pieces), true);
        return this;
    }

    /**
     * Leaves the body open: {@link #stream()} returns at once and the test writes the body with
     * {@link StreamingResponse#writeBody} (or disconnects mid-body). Sent with {@code transfer-encoding: chunked}.
     */
    public HttpRequestBuilder openBody() {
        setBody(List.of(), true);
        open = true;
        return this;
    }

    /** Overrides the client's redirect setting for this request. */
    public HttpRequestBuilder followRedirects(boolean value) {
        this.followRedirects = value;
        return this;
    }

    private void setBody(List<Bytes> pieces, boolean isChunked) {
        if (bodySet) {
            throw new IllegalStateException("the request body is already set; set it once");
        }
        bodySet = true;
        chunks = pieces;
        chunked = isChunked;
    }

    /**
     * Runs the request and reads the whole response.
     *
     * @throws PagiTestTimeoutException if the application does not respond or finish in time
     * @throws org.pagi.spec.order.IllegalEventOrderException if it sends an event out of order
     */
    public TestResponse send() {
        if (open) {
            throw new IllegalStateException("a request with openBody() is read with stream(), not send()");
        }
        TestResponse response = exchange().readAll();
        boolean follow = followRedirects != null ? followRedirects : client.followRedirects();
        return follow ? Redirects.follow(client, this, response) : response;
    }

    /** Runs the request and returns as soon as the response has started (or at once with {@link #openBody()}). */
    public StreamingResponse stream() {
        HttpExchange ex = exchange();
        if (!open) {
            ex.awaitStart();
        }
        return new StreamingResponse(ex);
    }

    private HttpExchange exchange() {
        List<Header> framing = new ArrayList<>();
        if (chunked) {
            framing.add(Header.of("transfer-encoding", "chunked"));
        } else {
            long length = chunks.stream().mapToLong(Bytes::length).sum();
            if (length > 0 || bodySet || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                framing.add(Header.of("content-length", Long.toString(length)));
            }
        }
        return HttpExchange.start(client, this, head(framing), chunks, open);
    }

    /** @return a copy of this request with another method and no body, for 301/302/303 redirects */
    HttpRequestBuilder redirectAs(String newMethod, String location, boolean keepBody) {
        HttpRequestBuilder next = new HttpRequestBuilder(client, newMethod, location);
        if (keepBody && bodySet) {
            next.setBody(chunks, chunked);
        }
        return next;
    }
}
