package org.pagi.middleware;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.http.Accept;
import org.pagi.wrappers.http.ClientError;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.routing.Middleware;

/**
 * Turns an http application's failure into an error page. A failure before the response started is answered with
 * the configured status (500), or the status of a {@link ClientError} the application threw, rendered as HTML,
 * JSON or text as the request's {@code Accept} prefers (the configured type when it names none of them). In
 * production the page shows only the status's standard message, or a client error's own message, which is meant
 * for the client; the exception and its stack trace are shown only in development mode. Everything in HTML is
 * escaped. Each failure is logged once, with the request method and path, through {@link System.Logger}.
 *
 * <p>A failure after the response started cannot be rendered: the status and part of the body are already on the
 * wire. It is logged and handed on, so the server aborts the response as it would without this middleware and the
 * client sees a broken response rather than a truncated one that looks complete.
 *
 * <p>Acts on http. WebSocket and SSE scopes pass through untouched: the server already answers their failures
 * before acceptance with its own denial (403) or decline (500), which is what WebSocket and EventSource clients
 * understand; an HTML page would only be discarded by them. Stateless and thread-safe.
 */
public final class ErrorHandler implements Middleware {

    /** The media types an error page can be rendered as; the configured one wins when a client weighs them equally. */
    public static final List<String> TYPES = List.of("text/html", "application/json", "text/plain");

    /**
     * @param development show the exception and its stack trace (default false: never in production)
     * @param status      the status for a failure that is not a client error (default 500), 500 to 599
     * @param contentType what to render when {@code Accept} is absent, allows none of {@link #TYPES} or ranks them
     *                    equally (default text/html)
     * @param logger      where failures are logged (default the logger named after this class)
     */
    public record Config(boolean development, int status, String contentType, System.Logger logger) {
        /** Refuses a non-5xx status and an unknown type. */
        public Config {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("status must be 500 to 599, got " + status);
            }
            if (!TYPES.contains(contentType)) {
                throw new IllegalArgumentException("contentType must be one of " + TYPES + ", got " + contentType);
            }
            Objects.requireNonNull(logger, "logger");
        }
    }

    /** Builds a {@link Config}; every option starts at its default. */
    public static final class Builder {
        private boolean development;
        private int status = 500;
        private String contentType = "text/html";
        private System.Logger logger = System.getLogger(ErrorHandler.class.getName());

        private Builder() {
        }

        /** @param value show exceptions and stack traces; for development only @return this builder */
        public Builder development(boolean value) {
            this.development = value;
            return this;
        }

        /** @param value the status for server failures, 500 to 599 @return this builder */
        public Builder status(int value) {
            this.status = value;
            return this;
        }

        /** @param value text/html, application/json or text/plain @return this builder */
        public Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        /** @param value where failures are logged @return this builder */
        public Builder logger(System.Logger value) {
            this.logger = value;
            return this;
        }

        /** @return the middleware @throws IllegalArgumentException naming the option that is wrong */
        public ErrorHandler build() {
            return new ErrorHandler(new Config(development, status, contentType, logger));
        }
    }

    private final Config config;

    private ErrorHandler(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> scope instanceof HttpScope http
                ? guard(next, http, receive, send)
                : next.call(scope, receive, send);
    }

    private CompletionStage<Void> guard(Application next, HttpScope scope, Receive receive, Send send) {
        AtomicBoolean started = new AtomicBoolean();
        Send watching = event -> {
            if (event instanceof HttpResponseStart) {
                started.set(true);
            }
            return send.send(event);
        };
        CompletionStage<Void> run;
        try {
            run = next.call(scope, receive, watching);
        } catch (RuntimeException | Error e) {
            run = CompletableFuture.failedFuture(e);
        }
        return run.handle((v, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(null);
            }
            Throwable cause = unwrap(failure);
            int status = cause instanceof ClientError ce && ce.status() >= 400 && ce.status() <= 499
                    ? ce.status() : config.status();
            if (started.get()) {
                log(scope, Level.ERROR, "failed after its response started; the response is aborted", cause);
                return CompletableFuture.failedFuture(cause);
            }
            log(scope, status >= 500 ? Level.ERROR : Level.WARNING, "failed; answered " + status, cause);
            return render(scope, send, status, cause);
        });
    }

    private void log(HttpScope scope, Level level, String what, Throwable cause) {
        // The path is client input: control characters are escaped so it cannot forge log lines.
        config.logger().log(level, scope.method() + " " + printable(scope.path()) + " " + what, cause);
    }

    private CompletionStage<Void> render(HttpScope scope, Send send, int status, Throwable cause) {
        // The configured type goes first, so it wins ties such as Accept: */*.
        List<String> candidates = new ArrayList<>(TYPES);
        candidates.remove(config.contentType());
        candidates.addFirst(config.contentType());
        Accept accept = Accept.parse(scope.headers());
        String type = accept.isPresent() ? accept.preferred(candidates).orElse(config.contentType()) : config.contentType();
        String message = cause instanceof ClientError ce && status < 500 && ce.getMessage() != null
                ? ce.getMessage() : reason(status);
        String detail = config.development() ? stackTrace(cause) : null;
        Bytes body = switch (type) {
            case "application/json" -> json(status, message, detail);
            case "text/plain" -> Bytes.utf8("Error " + status + ": " + message
                    + (detail == null ? "" : "\n\nStack trace:\n" + detail));
            default -> html(status, message, detail);
        };
        Headers headers = Headers.of("content-type", type.equals("application/json") ? type : type + "; charset=utf-8",
                "content-length", Integer.toString(body.length()), "cache-control", "no-store",
                "x-content-type-options", "nosniff");
        return send.send(new HttpResponseStart(status, headers)).thenCompose(v -> send.send(HttpResponseBody.last(body)));
    }

    private static Bytes json(int status, String message, String detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", message);
        out.put("status", status);
        if (detail != null) {
            out.put("stack", detail);
        }
        return Json.encode(out);
    }

    private static Bytes html(int status, String message, String detail) {
        StringBuilder out = new StringBuilder(512).append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Error ").append(status).append("</title>\n</head>\n<body>\n<h1>Error ").append(status)
                .append("</h1>\n<p>").append(escape(message)).append("</p>\n");
        if (detail != null) {
            out.append("<h2>Stack trace</h2>\n<pre>").append(escape(detail)).append("</pre>\n");
        }
        return Bytes.utf8(out.append("</body>\n</html>\n").toString());
    }

    /** @return {@code text} with the five HTML-significant characters replaced by references */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String stackTrace(Throwable cause) {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
