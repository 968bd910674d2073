package org.pagi.wrappers.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.http.SetCookie;
import org.pagi.wrappers.json.Json;

/**
 * A whole HTTP response as an immutable value: build it with a factory and {@code with...} copies, then
 * {@link #respond} it. It is also an {@link Application} answering every {@code http} scope with itself, so a
 * fixed response can be mounted like any handler. For a body produced piece by piece use {@link ResponseWriter}.
 *
 * <p>On {@link #respond}: {@code content-length} is set from the body (a value set by hand is replaced), except
 * for 1xx, 204 and 304, which have no body; cookies become {@code set-cookie} fields and get {@code Secure}
 * when the scope's scheme is {@code https} or {@code wss}. HEAD is left to the server, which drops the body.
 */
public final class Response implements Application {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    // Built once: the factories below need not validate the same name and value on every response.
    private static final Headers TEXT_HEADERS = Headers.of("content-type", TEXT);
    private static final Headers HTML_HEADERS = Headers.of("content-type", HTML);
    private static final Headers JSON_HEADERS = Headers.of("content-type", JSON);

    private final int status;
    private final Headers headers;
    private final List<SetCookie> cookies;
    private final Bytes body;

    private Response(int status, Headers headers, List<SetCookie> cookies, Bytes body) {
        this.status = status;
        this.headers = headers;
        this.cookies = List.copyOf(cookies);
        this.body = body;
    }

    /** 200 with {@code text} in UTF-8, {@code text/plain; charset=utf-8}. */
    public static Response text(String text) {
        return new Response(200, TEXT_HEADERS, List.of(), Bytes.utf8(Objects.requireNonNull(text, "text")));
    }

    /** 200 with {@code html} in UTF-8, {@code text/html; charset=utf-8}. */
    public static Response html(String html) {
        return new Response(200, HTML_HEADERS, List.of(), Bytes.utf8(Objects.requireNonNull(html, "html")));
    }

    /** 200 with {@code value} as JSON, {@code application/json}; see {@link Json#encode}. */
    public static Response json(Object value) {
        return new Response(200, JSON_HEADERS, List.of(), Json.encode(value));
    }

    /** 200 with these bytes and content type. */
    public static Response bytes(Bytes body, String contentType) {
        Objects.requireNonNull(body, "body");
        return new Response(200, Headers.of("content-type", Objects.requireNonNull(contentType, "contentType")),
                List.of(), body);
    }

    /** 302 Found to {@code location}. */
    public static Response redirect(String location) {
        return redirect(location, 302);
    }

    /** A redirect to {@code location}; {@code status} must be 301, 302, 303, 307 or 308. */
    public static Response redirect(String location, int status) {
        Objects.requireNonNull(location, "location");
        if (!REDIRECTS.contains(status)) {
            throw new IllegalArgumentException("redirect status must be 301, 302, 303, 307 or 308, got " + status);
        }
        return new Response(status, Headers.of("location", location), List.of(), Bytes.empty());
    }

    /** 204 No Content. */
    public static Response empty() {
        return status(204);
    }

    /** This status (100-599) with no headers and an empty body. */
    public static Response status(int status) {
        return new Response(checkStatus(status), Headers.empty(), List.of(), Bytes.empty());
    }

    /** @return the status code, 100 to 599 */
    public int status() {
        return status;
    }

    /** The headers as set, without {@code content-length} and {@code set-cookie} (added by {@link #respond}). */
    public Headers headers() {
        return headers;
    }

    /** @return the cookies to set, in order */
    public List<SetCookie> cookies() {
        return cookies;
    }

    /** @return the body bytes as set (empty for none) */
    public Bytes body() {
        return body;
    }

    /** @return a copy with {@code status} (100 to 599) */
    public Response withStatus(int status) {
        return new Response(checkStatus(status), headers, cookies, body);
    }

    /** Adds a header field; fields with the same name are kept (use {@link #withContentType} to replace). */
    public Response withHeader(String name, String value) {
        return new Response(status, headers.with(name, value), cookies, body);
    }

    /** Adds every field of {@code more}, in order. */
    public Response withHeaders(Headers more) {
        return new Response(status, Headers.builder().addAll(headers).addAll(more).build(), cookies, body);
    }

    /** Replaces the {@code content-type}. */
    public Response withContentType(String contentType) {
        return new Response(status, headers.replace("content-type", contentType), cookies, body);
    }

    /** Adds a cookie ({@link SetCookie#of} gives {@code Path=/}, {@code HttpOnly}, {@code SameSite=Lax}). */
    public Response withCookie(SetCookie cookie) {
        List<SetCookie> more = new ArrayList<>(cookies);
        more.add(Objects.requireNonNull(cookie, "cookie"));
        return new Response(status, headers, more, body);
    }

    /** Tells the client to delete cookie {@code name} (empty value, {@code Max-Age=0}, an expired date). */
    public Response withoutCookie(String name) {
        return withCookie(SetCookie.deletion(name));
    }

    /**
     * Sends this response: {@code http.response.start}, then the whole body in one {@code http.response.body}.
     *
     * @return completes when the server took the last event
     * @throws IllegalStateException when a response was already sent through {@code send}
     */
    public CompletionStage<Void> respond(Scope scope, Send send) {
        if (!(scope instanceof HttpScope http)) {
            throw new UnsupportedScopeException(scope);
        }
        ResponseState.claim(http, send);
        return send.send(new HttpResponseStart(status, headersFor(http)))
                .thenCompose(v -> send.send(HttpResponseBody.last(body)));
    }

    /** Answers an {@code http} scope with this response; other scope types fail with UnsupportedScopeException. */
    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        try {
            return respond(scope, send);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A view whose {@code respond} waits; see {@link org.pagi.wrappers.Blocking}. */
    public BlockingResponse blocking() {
        return new BlockingResponse(this);
    }

    // package-private: RangedResponse sends the same fields around its own framing
    Headers headersFor(RequestScope scope) {
        if (cookies.isEmpty() && !headers.contains("content-length")) {
            // The usual response: its own fields as they are, plus the length.
            if (!hasBody(status)) {
                return headers;
            }
            List<Header> all = new ArrayList<>(headers.size() + 1);
            all.addAll(headers.list());
            all.add(Header.of("content-length", Integer.toString(body.length())));
            return Headers.of(all);
        }
        Headers.Builder all = Headers.builder().addAll(headers.without("content-length"));
        if (hasBody(status)) {
            all.add("content-length", Integer.toString(body.length()));
        }
        String scheme = scope.request().scheme();
        boolean secure = "https".equals(scheme) || "wss".equals(scheme);
        for (SetCookie cookie : cookies) {
            all.add("set-cookie", (secure ? cookie.withSecure(true) : cookie).headerValue());
        }
        return all.build();
    }

    private static boolean hasBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + status);
        }
        return status;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + headers + ", " + cookies.size() + " cookie(s), " + body.length()
                + " bytes]";
    }
}
