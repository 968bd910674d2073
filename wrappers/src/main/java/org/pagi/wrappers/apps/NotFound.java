package org.pagi.wrappers.apps;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.wrappers.routing.Refusal;

/**
 * Answers every request with one fixed error (default {@code 404}, {@code text/plain; charset=utf-8},
 * {@code Not Found}): the fallback at the end of a {@link Cascade} or behind a {@link URLMap}. The body may be
 * computed from the scope. HEAD gets the headers ({@code Content-Length} included) without the body. A WebSocket
 * gets a denial response (a close before accept without {@code websocket.http.response}), an SSE stream is
 * declined with the status; the lifespan scope is declined.
 */
public final class NotFound implements RequestAnswer {

    private final int status;
    private final Function<RequestScope, String> body;
    private final String contentType;

    private NotFound(int status, Function<RequestScope, String> body, String contentType) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
    }

    /** @return a builder with upstream's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the status this app answers */
    public int status() {
        return status;
    }

    /**
     * Sends the error for {@code scope} in the shape its protocol allows.
     *
     * @param scope the request
     * @param send  where the answer goes (HEAD: without the body)
     * @return completes when the answer is sent
     */
    @Override
    public CompletionStage<Void> answer(RequestScope scope, Send send) {
        String text = Objects.requireNonNull(body.apply(scope), "body: the body function returned null");
        return Refusal.send(scope, send, status, Headers.of("content-type", contentType), text);
    }

    /** Collects the options; each setter is optional. */
    public static final class Builder {
        private int status = 404;
        private Function<RequestScope, String> body = scope -> "Not Found";
        private String contentType = "text/plain; charset=utf-8";

        private Builder() {
        }

        /**
         * @param value the status (default 404)
         * @return this builder
         * @throws IllegalArgumentException naming {@code status} outside 400-599: this app answers errors
         */
        public Builder status(int value) {
            if (value < 400 || value > 599) {
                throw new IllegalArgumentException("status: an error status is 400-599, got " + value);
            }
            this.status = value;
            return this;
        }

        /**
         * @param value the body, sent as UTF-8 (default {@code Not Found})
         * @return this builder
         */
        public Builder body(String value) {
            Objects.requireNonNull(value, "body");
            this.body = scope -> value;
            return this;
        }

        /**
         * @param value computes the body from the request's scope; must not block or return null
         * @return this builder
         */
        public Builder body(Function<RequestScope, String> value) {
            this.body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * @param value the {@code Content-Type} (default {@code text/plain; charset=utf-8})
         * @return this builder
         * @throws IllegalArgumentException naming {@code contentType} when blank or holding a control character
         */
        public Builder contentType(String value) {
            this.contentType = FieldValues.check(value, "contentType", false);
            return this;
        }

        /** @return the application */
        public NotFound build() {
            return new NotFound(status, body, contentType);
        }
    }
}
