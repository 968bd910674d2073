package org.pagi.middleware;

import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestInfo;
import org.pagi.wrappers.routing.HeadSend;
import org.pagi.wrappers.routing.Middleware;

/**
 * Serves HEAD with the application's GET handling: the request reaches the application as GET (when
 * {@code asGet}, the default, as upstream does) and every body event is dropped on the way out, the last one
 * replaced by an empty end, so the headers (a {@code content-length} included) are those a GET would get. The
 * original method is kept in the scope attribute {@link #ORIGINAL_METHOD}.
 *
 * <p>How it differs from the router: the router already serves HEAD through a GET route (same {@link HeadSend}),
 * but only for routes it matches, and its handlers still see HEAD. This middleware covers a whole application,
 * also one that is not a router, before any routing. With {@code asGet(false)} the application sees HEAD and
 * only the body is dropped, for an application that answers HEAD itself but may still write a body. Acts on
 * HEAD http requests; other methods, websocket, sse and lifespan pass through.
 */
public final class Head implements Middleware {

    /** Scope attribute holding the request's method before it was changed to GET ({@code "HEAD"}). */
    public static final String ORIGINAL_METHOD = "pagi.head.original_method";

    /** @param asGet whether the application sees GET instead of HEAD (default true) */
    public record Config(boolean asGet) {
    }

    private final Config config;

    private Head(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults above */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http) || !http.method().equals("HEAD")) {
                return next.call(scope, receive, send);
            }
            HttpScope inner = http;
            if (config.asGet()) {
                RequestInfo r = http.request();
                inner = http.withRequest(new RequestInfo(r.httpVersion(), "GET", r.scheme(), r.path(), r.rawPath(),
                        r.queryString(), r.rootPath(), r.headers(), r.client(), r.server()))
                        .withAttribute(ORIGINAL_METHOD, "HEAD");
            }
            return next.call(inner, receive, new HeadSend(send));
        };
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private boolean asGet = true;

        private Builder() {
        }

        /**
         * @param on whether the application sees a HEAD request as GET (default true)
         * @return this builder
         */
        public Builder asGet(boolean on) {
            asGet = on;
            return this;
        }

        /** @return the middleware */
        public Head build() {
            return new Head(new Config(asGet));
        }
    }
}
