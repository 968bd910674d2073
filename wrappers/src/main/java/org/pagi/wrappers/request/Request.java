package org.pagi.wrappers.request;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.TransportFlow;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.http.Accept;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.http.MediaTypeParseException;
import org.pagi.wrappers.ScopeView;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.json.JsonDecodingException;

/**
 * An {@code http} request: scope accessors plus body reading. The body methods return stages (async mode); for
 * a blocking handler use {@link #blocking()}, whose methods have the same names and return values.
 *
 * <p>The scope accessors (path, headers, query, cookies, {@code Accept}, path parameters, state, stash) come from
 * {@link ScopeView}, shared with the WebSocket and SSE wrappers. The body is read once: the first whole read caches
 * it (bounded by its limit) and later reads replay it; {@link #chunks()} streams it instead (see
 * {@link BodyChunks}). Every Request made from the same scope and {@code receive} shares that body state (see
 * {@link #of}), so a middleware may read the body and the handler still gets it.
 *
 * <p>The no-argument body methods use the {@link BodyLimits} a router or middleware put in the scope (see
 * {@link BodyLimits#middleware()}), else {@link BodyLimits#DEFAULTS}.
 *
 * <p>{@link #stash()} is per-request mutable data for handlers and middleware. Scope attributes are immutable, so
 * it lives in this object, or, when a middleware put a {@code Map} under {@link #STASH} in the scope, in that map
 * (so every Request made from that scope shares it).
 */
public final class Request extends ScopeView<HttpScope> {

    /** Scope attribute holding a shared mutable stash map, when a middleware provides one ({@link ScopeView#STASH}). */
    public static final String STASH = ScopeView.STASH;

    private final SharedBody shared;
    private final BodyReader body;

    private Request(HttpScope scope, Receive receive) {
        super(scope);
        this.shared = SharedBody.of(scope, Objects.requireNonNull(receive, "receive"));
        this.body = shared.reader;
    }

    /**
     * The request of {@code scope}. Requests made from the same scope's {@code pagi.connection} and the same
     * {@code receive} share one body: whatever one of them read whole (or as a multipart form) the others replay,
     * and a body one of them streamed cannot be read whole by another.
     */
    public static Request of(HttpScope scope, Receive receive) {
        return new Request(scope, receive);
    }

    /**
     * The request of {@code scope} as a handler receives it, typed {@link Scope} (as {@link
     * org.pagi.wrappers.websocket.WebSocket#of} takes it), so no cast is needed; otherwise as {@link
     * #of(HttpScope, Receive)}.
     *
     * @throws UnsupportedScopeException when {@code scope} is not an {@code http} scope
     */
    public static Request of(Scope scope, Receive receive) {
        if (!(scope instanceof HttpScope http)) {
            throw new UnsupportedScopeException(scope);
        }
        return new Request(http, receive);
    }

    /** The parsed {@code Content-Type}; empty when absent or malformed. */
    public Optional<MediaType> contentType() {
        Optional<String> raw = header("content-type");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MediaType.parse(raw.get()));
        } catch (MediaTypeParseException e) {
            return Optional.empty();
        }
    }

    /** The {@code charset} parameter of the content type, lower case. */
    public Optional<String> charset() {
        return contentType().flatMap(MediaType::charset);
    }

    /** The token of {@code Authorization: Bearer <token>}; empty when absent, another scheme, or malformed. */
    public Optional<String> bearerToken() {
        return header("authorization").flatMap(Authorization::bearer);
    }

    /** User and password of {@code Authorization: Basic <base64>}; empty when absent or malformed. */
    public Optional<BasicCredentials> basicAuth() {
        return header("authorization").flatMap(Authorization::basic);
    }

    // ---- connection ----

    /** Whether the client is still connected ({@code pagi.connection}). */
    public boolean isConnected() {
        return scope().connection().isConnected();
    }

    /** Why the client went away; empty while connected or after the response completed. */
    public Optional<DisconnectReason> disconnectReason() {
        return scope().connection().disconnectReason();
    }

    /** Runs {@code callback} if the client disconnects before the response completes (at once if it did). */
    public void onDisconnect(Consumer<DisconnectReason> callback) {
        scope().connection().onDisconnect(callback);
    }

    /** Runs {@code callback} once the response was completely delivered. */
    public void onComplete(Runnable callback) {
        scope().connection().onComplete(callback);
    }

    /** Outbound flow control for this connection ({@code pagi.transport}): buffered bytes and water marks. */
    public TransportFlow transport() {
        return scope().transport();
    }

    // ---- body ----

    /** The limits the no-argument body methods use: the scope's {@link BodyLimits#ATTRIBUTE}, else the defaults. */
    public BodyLimits limits() {
        return BodyLimits.of(scope());
    }

    /** The whole body under {@link #limits()}. */
    public CompletionStage<Bytes> body() {
        return body(limits());
    }

    /**
     * The whole body; more than {@code limits.maxBodyBytes()} fails with {@link PayloadTooLargeException}, before
     * anything is received when {@code Content-Length} already declares more.
     */
    public CompletionStage<Bytes> body(BodyLimits limits) {
        long declared = declaredLength();
        if (declared > limits.maxBodyBytes() && !body.isCached()) {
            return CompletableFuture.failedFuture(new PayloadTooLargeException("request body exceeds the limit of "
                    + limits.maxBodyBytes() + " bytes (content-length " + declared + ")"));
        }
        return body.readAll(limits.maxBodyBytes());
    }

    /** The {@code Content-Length} value, or -1 when absent or not a number (the server already framed the body). */
    private long declaredLength() {
        try {
            return header("content-length").map(v -> Long.parseLong(v.strip())).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body streamed chunk by chunk; see {@link BodyChunks}. @throws IllegalStateException if read already */
    public BodyChunks chunks() {
        return body.chunks();
    }

    /** The body as text in the declared charset (default UTF-8); malformed bytes become U+FFFD. */
    public CompletionStage<String> text() {
        return text(limits());
    }

    /** Like {@link #text()}, under {@code limits}. */
    public CompletionStage<String> text(BodyLimits limits) {
        return withCharset(limits, (bytes, cs) -> new String(bytes.toByteArray(), cs));
    }

    /** Like {@link #text()}, but malformed bytes fail with {@link BadRequestException} naming the byte offset. */
    public CompletionStage<String> textStrict() {
        return textStrict(limits());
    }

    /** Like {@link #textStrict()}, under {@code limits}. */
    public CompletionStage<String> textStrict(BodyLimits limits) {
        return withCharset(limits, BodyDecoding::strict);
    }

    private CompletionStage<String> withCharset(BodyLimits limits,
            java.util.function.BiFunction<Bytes, Charset, String> decode) {
        Charset cs;
        try {
            cs = charset().map(Charset::forName).orElse(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return CompletableFuture.failedFuture(new UnsupportedMediaTypeException(
                    "unsupported charset '" + charset().orElse("") + "'", e));
        }
        return body(limits).thenApply(b -> decode.apply(b, cs));
    }

    /** The body decoded as JSON into {@code type}; see {@link #json(Class, BodyLimits)}. */
    public <T> CompletionStage<T> json(Class<T> type) {
        return json(type, limits());
    }

    /**
     * @throws UnsupportedMediaTypeException (stage) unless the content type is {@code application/json} or
     *     {@code ...+json}
     * @throws BadRequestException (stage) when the body is not JSON for {@code type}, with line and column
     */
    public <T> CompletionStage<T> json(Class<T> type, BodyLimits limits) {
        Optional<MediaType> ct = contentType();
        boolean isJson = ct.map(m -> m.essence().equals("application/json") || m.subtype().endsWith("+json"))
                .orElse(false);
        if (!isJson) {
            return CompletableFuture.failedFuture(new UnsupportedMediaTypeException(
                    "expected content-type application/json, got " + header("content-type").orElse("none")));
        }
        return body(limits).thenApply(b -> {
            try {
                return Json.decode(b, type);
            } catch (JsonDecodingException e) {
                throw new BadRequestException(e.getMessage(), e);
            }
        });
    }

    /** The body as a plain JSON tree: Map, List, String, Number, Boolean or null. */
    public CompletionStage<Object> jsonTree() {
        return json(Object.class);
    }

    /** The url-encoded form fields under the default limits. */
    public CompletionStage<QueryParams> form() {
        return form(limits());
    }

    /**
     * @throws UnsupportedMediaTypeException (stage) unless the content type is
     *     {@code application/x-www-form-urlencoded}
     * @throws PayloadTooLargeException (stage) over the body, field-count or field-size limit
     */
    public CompletionStage<QueryParams> form(BodyLimits limits) {
        boolean isForm = contentType().map(m -> m.essence().equals("application/x-www-form-urlencoded"))
                .orElse(false);
        if (!isForm) {
            return CompletableFuture.failedFuture(new UnsupportedMediaTypeException(
                    "expected content-type application/x-www-form-urlencoded, got "
                            + header("content-type").orElse("none")));
        }
        return body(limits).thenApply(b -> BodyDecoding.formFields(b, limits));
    }

    /** The multipart form under {@link #limits()}; see {@link #multipart(BodyLimits)}. */
    public CompletionStage<MultipartForm> multipart() {
        return multipart(limits());
    }

    /**
     * The {@code multipart/form-data} body: text fields and uploaded files (in memory up to
     * {@code spillThresholdBytes}, else in a temp file deleted when the request ends unless moved). Read once;
     * later calls, from any Request of this request, return the same form.
     *
     * @throws UnsupportedMediaTypeException (stage) unless the content type is {@code multipart/form-data}
     * @throws BadRequestException (stage) for a missing or invalid boundary or a malformed body
     * @throws PayloadTooLargeException (stage) at the first byte over a part limit; files written are deleted
     */
    public CompletionStage<MultipartForm> multipart(BodyLimits limits) {
        return shared.form(() -> {
            try {
                MultipartPump pump = new MultipartPump(body.chunks(), boundary(), limits);
                return MultipartFormReader.read(pump, limits, shared.temps);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** The multipart body streamed part by part under {@link #limits()}; see {@link MultipartParts}. */
    public MultipartParts parts() {
        return parts(limits());
    }

    /**
     * The multipart body streamed part by part, with backpressure, under {@code limits}' part limits.
     *
     * @throws UnsupportedMediaTypeException unless the content type is {@code multipart/form-data}
     * @throws BadRequestException for a missing or invalid boundary
     * @throws IllegalStateException when the body is being or was read otherwise
     */
    public MultipartParts parts(BodyLimits limits) {
        String boundary = boundary();
        return new MultipartParts(new MultipartPump(body.chunks(), boundary, limits));
    }

    private String boundary() {
        return MultipartParser.boundaryOf(header("content-type"));
    }

    /** A view whose body methods wait; see {@link org.pagi.wrappers.Blocking}. */
    public BlockingRequest blocking() {
        return new BlockingRequest(this);
    }

    @Override
    public String toString() {
        return "Request[" + method() + " " + path() + "]";
    }
}
