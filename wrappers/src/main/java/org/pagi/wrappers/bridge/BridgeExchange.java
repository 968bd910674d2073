package org.pagi.wrappers.bridge;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.pagi.spec.Header;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.bridge.ResponseBodyStream.Mode;

/**
 * One {@code http} scope seen as a JDK {@link HttpExchange}: request line, headers and addresses from the scope,
 * the body from {@code receive} ({@link RequestBodyStream}), the response through {@code send}
 * ({@link ResponseBodyStream}). The attributes start as the scope's attributes plus
 * {@link HttpHandlerApp#SCOPE_ATTRIBUTE}; the principal is null (no authenticator runs here).
 */
final class BridgeExchange extends HttpExchange {
    private final HttpScope scope;
    private final Send send;
    private final URI uri;
    private final HttpContext context;
    private final int bufferBytes;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final RequestBodyStream requestBody;
    private InputStream in;
    private OutputStream out;
    private ResponseBodyStream body;
    private int responseCode = -1;
    private boolean closed;

    BridgeExchange(HttpScope scope, Receive receive, Send send, URI uri, HttpContext context, int bufferBytes) {
        this.scope = scope;
        this.send = send;
        this.uri = uri;
        this.context = context;
        this.bufferBytes = bufferBytes;
        this.requestHeaders = Headers.of(requestHeaders(scope));
        this.requestBody = new RequestBodyStream(receive);
        this.in = requestBody;
        this.out = new PendingBody();
        attributes.putAll(scope.attributes());
        attributes.put(HttpHandlerApp.SCOPE_ATTRIBUTE, scope);
    }

    private static Map<String, List<String>> requestHeaders(HttpScope scope) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Header h : scope.headers()) {
            map.computeIfAbsent(h.name(), k -> new ArrayList<>(1)).add(h.text());
        }
        return map;
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return scope.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // the request side has nothing to give back; the server drains or closes the connection itself
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new ResponseAbortedException(e);
        }
    }

    @Override
    public InputStream getRequestBody() {
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        return out;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        if (body != null) {
            throw new IOException("headers already sent");
        }
        if (rCode < 200 || rCode > 599) {
            throw new IllegalArgumentException("rCode must be a final status 200-599, got " + rCode);
        }
        if (responseLength < -1) {
            throw new IllegalArgumentException("responseLength must be -1 (no body), 0 (chunked) or the body's"
                    + " length, got " + responseLength);
        }
        boolean head = scope.method().equals("HEAD");
        boolean bodyless = rCode == 204 || rCode == 304;
        org.pagi.spec.Headers.Builder headers = org.pagi.spec.Headers.builder();
        boolean lengthSet = false;
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            boolean length = name.equals("content-length");
            // Framing is decided by responseLength, as the JDK server does; for HEAD and 304 the handler's own
            // content-length says what a GET would get, so it stays.
            if (name.equals("transfer-encoding") || (length && !(head || rCode == 304))) {
                continue;
            }
            for (String value : e.getValue()) {
                headers.add(name, value);
                lengthSet |= length;
            }
        }
        Mode mode;
        if (head) {
            mode = Mode.DISCARD;
            if (responseLength > 0 && !lengthSet && !bodyless) {
                headers.add("content-length", Long.toString(responseLength));
            }
        } else if (bodyless || responseLength == -1) {
            mode = Mode.NONE;
            if (!bodyless) {
                headers.add("content-length", "0");
            }
        } else if (responseLength == 0) {
            mode = Mode.CHUNKED;
        } else {
            mode = Mode.FIXED;
            headers.add("content-length", Long.toString(responseLength));
        }
        HttpResponseStart start = new HttpResponseStart(rCode, headers.build());
        responseCode = rCode;
        body = new ResponseBodyStream(send, scope.connection(), mode, responseLength, bufferBytes);
        if (out instanceof PendingBody) {
            out = body;
        }
        await(send.send(start));
        if (mode == Mode.NONE || mode == Mode.DISCARD) {
            await(send.send(HttpResponseBody.last(org.pagi.spec.Bytes.empty())));
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return Addresses.toSocket(scope.client());
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return Addresses.toSocket(scope.server());
    }

    @Override
    public String getProtocol() {
        return "HTTP/" + scope.httpVersion();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(Objects.requireNonNull(name, "name"));
    }

    @Override
    public void setAttribute(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            in = i;
        }
        if (o != null) {
            out = o;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    /** @return whether {@code sendResponseHeaders} ran */
    boolean headersSent() {
        return body != null;
    }

    /**
     * Ends what the handler left open, as if it had closed the exchange.
     *
     * @return whether the response is complete; false when a fixed-length body came up short
     */
    boolean finish() {
        try {
            close();
        } catch (ResponseAbortedException e) {
            return false;
        }
        return body != null && body.complete();
    }

    private static void await(java.util.concurrent.CompletionStage<Void> stage) throws IOException {
        try {
            Blocking.await(stage);
        } catch (RuntimeException e) {
            throw new IOException("sending the response failed: " + e.getMessage(), e);
        }
    }

    /** The response stream before {@code sendResponseHeaders}: writing there is an error, as with the JDK. */
    private final class PendingBody extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (body == null) {
                throw new IOException("call sendResponseHeaders before writing the response body");
            }
            body.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (body != null) {
                body.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                body.close();
            }
        }
    }

    /** A fixed-length body closed short: the response cannot be completed and must be cut. */
    static final class ResponseAbortedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResponseAbortedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
