package org.pagi.wrappers.apps;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.wrappers.routing.Refusal;

/**
 * Redirects every request to one target (default {@code 302}, as upstream), with the request's query string
 * appended ({@code ?} or, when the target has a query already, {@code &}) unless {@code preserveQuery(false)}. The
 * target may be computed from the scope. The answer has {@code Location}, {@code Content-Type: text/plain} and an
 * empty body. The target is refused when it holds a control character (CR or LF would let it inject headers) or a
 * character outside ASCII: at build time for a fixed target, by failing the request for a computed one. A WebSocket
 * gets the redirect as a denial response, an SSE stream as a declined one; the lifespan scope is declined.
 */
public final class Redirect implements RequestAnswer {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Function<RequestScope, String> target;
    private final int status;
    private final boolean preserveQuery;

    private Redirect(Function<RequestScope, String> target, int status, boolean preserveQuery) {
        this.target = target;
        this.status = status;
        this.preserveQuery = preserveQuery;
    }

    /**
     * @param to the target URL or path
     * @return a builder redirecting to {@code to}
     * @throws IllegalArgumentException naming {@code to} when the target is blank, holds a control character or
     *                                  is not ASCII
     */
    public static Builder to(String to) {
        FieldValues.check(to, "to", true);
        return new Builder(scope -> to);
    }

    /**
     * @param to computes the target from the request's scope; must not block
     * @return a builder redirecting where {@code to} says
     */
    public static Builder to(Function<RequestScope, String> to) {
        return new Builder(Objects.requireNonNull(to, "to"));
    }

    /** @return the status this app answers */
    public int status() {
        return status;
    }

    /**
     * Sends the redirect for {@code scope} in the shape its protocol allows.
     *
     * @param scope the request
     * @param send  where the answer goes
     * @return completes when the answer is sent
     * @throws IllegalArgumentException naming {@code to} when a computed target could inject a header
     */
    @Override
    public CompletionStage<Void> answer(RequestScope scope, Send send) {
        String location = FieldValues.check(target.apply(scope), "to", true);
        if (preserveQuery && !scope.queryString().isEmpty()) {
            location += (location.indexOf('?') >= 0 ? "&" : "?") + scope.queryString().latin1();
        }
        return Refusal.send(scope, send, status, Headers.of("location", location, "content-type", "text/plain"), "");
    }

    /** Collects the options; the target is given to {@link Redirect#to}. */
    public static final class Builder {
        private final Function<RequestScope, String> target;
        private int status = 302;
        private boolean preserveQuery = true;

        private Builder(Function<RequestScope, String> target) {
            this.target = target;
        }

        /**
         * @param value the status (default 302)
         * @return this builder
         * @throws IllegalArgumentException naming {@code status} unless it is 301, 302, 303, 307 or 308
         */
        public Builder status(int value) {
            if (!REDIRECTS.contains(value)) {
                throw new IllegalArgumentException("status: a redirect is 301, 302, 303, 307 or 308, got " + value);
            }
            this.status = value;
            return this;
        }

        /**
         * @param value whether the request's query string is appended to the target (default true)
         * @return this builder
         */
        public Builder preserveQuery(boolean value) {
            this.preserveQuery = value;
            return this;
        }

        /** @return the application */
        public Redirect build() {
            return new Redirect(target, status, preserveQuery);
        }
    }
}
