package org.pagi.wrappers.response;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.http.HttpDate;

/**
 * A {@link Response} that answers conditional and range requests: its {@code etag} and {@code last-modified}
 * header fields are the validators, its body the representation, and {@link Conditional} decides 304, 200, 206
 * or 416 exactly as for a {@link FileResponse} (the same code sends both).
 *
 * <p>Only a 200 response is ranged; any other status is sent as the plain response. A response without validators
 * still serves {@code Range} (an {@code If-Range} then never matches, so it gets the whole body).
 *
 * <pre>{@code
 * RangedResponse.of(Response.bytes(png, "image/png").withHeader("etag", "\"v7\"")).respond(scope, send);
 * }</pre>
 *
 * @param response the response to send
 */
public record RangedResponse(Response response) implements Respondable {

    /** Checks for null. */
    public RangedResponse {
        Objects.requireNonNull(response, "response");
    }

    /** @return {@code response} answering ranges and conditionals */
    public static RangedResponse of(Response response) {
        return new RangedResponse(response);
    }

    /**
     * Sends the response as the request asks.
     *
     * @return completes when the server took the last event
     * @throws UnsupportedScopeException for a scope other than {@code http}
     * @throws IllegalStateException     when a response was already sent through {@code send}
     */
    @Override
    public CompletionStage<Void> respond(Scope scope, Send send) {
        if (!(scope instanceof HttpScope http)) {
            throw new UnsupportedScopeException(scope);
        }
        if (response.status() != 200) {
            return response.respond(scope, send);
        }
        Optional<String> etag = response.headers().first("etag");
        var lastModified = response.headers().first("last-modified").flatMap(HttpDate::parse);
        var headers = response.headersFor(http).without("content-length").without("etag")
                .without("last-modified").without("accept-ranges");
        return RangedSender.respond(http, send, headers, etag, lastModified,
                new BodySource.InMemory(response.body()));
    }

    /** A view whose {@code respond} waits; see {@link org.pagi.wrappers.Blocking}. */
    public BlockingRangedResponse blocking() {
        return new BlockingRangedResponse(this);
    }
}
