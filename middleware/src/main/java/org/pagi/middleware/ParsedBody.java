package org.pagi.middleware;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.http.ClientError;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.routing.Refusal;

/**
 * What {@link FormBody} and {@link JsonBody} share: parse the body of a request whose content type matches with
 * the wrappers' {@link Request}, put the result in the scope attribute {@link #ATTRIBUTE} and call the application
 * with the same {@code receive}, so its own {@code Request} replays the cached body (the wrappers' shared body).
 * A parse failure that is a {@link ClientError} (400 malformed, 413 over a limit, 415 bad charset) is answered
 * with its status and message; the application is not called.
 */
final class ParsedBody {

    /** Scope attribute holding the parsed body (upstream's {@code pagi.parsed_body}). */
    static final String ATTRIBUTE = "pagi.parsed_body";

    private ParsedBody() {
    }

    /**
     * @param matches which content types are parsed; others pass through untouched
     * @param parse   reads the body with the given limits
     * @param limits  the limits to parse under, or null for the request's own ({@link BodyLimits#of})
     */
    static Application wrap(Application next, Predicate<MediaType> matches,
            BiFunction<Request, BodyLimits, CompletionStage<?>> parse, BodyLimits limits) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            Request request = Request.of(http, receive);
            if (!request.contentType().map(matches::test).orElse(false)) {
                return next.call(scope, receive, send);
            }
            return parse.apply(request, limits == null ? request.limits() : limits).handle((parsed, failure) -> {
                if (failure == null) {
                    return next.call(http.withAttribute(ATTRIBUTE, parsed), receive, send);
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof ClientError error && error.status() >= 400 && error.status() <= 499) {
                    return Refusal.text(http, send, error.status(), cause.getMessage());
                }
                return CompletableFuture.<Void>failedFuture(cause);
            }).thenCompose(stage -> stage);
        };
    }
}
