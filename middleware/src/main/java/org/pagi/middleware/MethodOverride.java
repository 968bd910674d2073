package org.pagi.middleware;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.Send;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.routing.Middleware;

/**
 * Lets an HTML form (which can only GET or POST) reach PUT, PATCH and DELETE routes: a {@code POST} carrying the
 * {@code X-HTTP-Method-Override} header, or a {@code _method} field in the query string or in an
 * {@code application/x-www-form-urlencoded} body, is passed on with that method (upper-cased) and the scope
 * attribute {@value #ORIGINAL_METHOD} = {@code "POST"}. The header wins over the query, the query over the body.
 *
 * <p>Only a POST is rewritten, and only to an allowed method (PUT, PATCH, DELETE by default; GET, HEAD, CONNECT and
 * TRACE are refused at build time: a state-changing POST must not become a safe method that caches, logs or CSRF
 * rules treat differently). An unknown or disallowed value leaves the request a POST. The form body is read through
 * the wrappers' shared body ({@code Request.of(scope, receive)}) and the handler gets the same {@code receive}, so
 * its {@code Request} replays the body (a handler reading {@code receive} directly would find it consumed; a
 * multipart body is never read here). Other scope types pass through.
 */
public final class MethodOverride implements Middleware {

    /** The scope attribute holding the method the client sent, when it was overridden. */
    public static final String ORIGINAL_METHOD = "pagi.original_method";

    private static final Set<String> NEVER = Set.of("GET", "HEAD", "CONNECT", "TRACE");

    private final Config config;

    private MethodOverride(Config config) {
        this.config = config;
    }

    /** @return a builder with upstream's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration this middleware was built with */
    public Config config() {
        return config;
    }

    /**
     * The settings.
     *
     * @param header         the override header, lower case
     * @param param          the query or form field
     * @param allowedMethods the methods a POST may become, upper case
     * @param checkHeader    whether the header is read
     * @param checkParam     whether the query field and the url-encoded form field are read
     */
    public record Config(String header, String param, Set<String> allowedMethods, boolean checkHeader,
                         boolean checkParam) {
        /** Copies the set; the builder has validated the values. */
        public Config {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(param, "param");
            allowedMethods = Set.copyOf(allowedMethods);
        }
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http) || !http.method().equals("POST")) {
                return next.call(scope, receive, send);
            }
            Request request = Request.of(http, receive);
            Optional<String> early = fromHeaderOrQuery(request);
            if (early.isPresent() || !config.checkParam() || !isForm(request)) {
                return call(next, http, early, receive, send);
            }
            return request.form().handle((form, failure) -> failure == null ? form.get(config.param())
                            : Optional.<String>empty()) // the handler meets the same failure when it reads the body
                    .thenCompose(field -> call(next, http, field, receive, send));
        };
    }

    private Optional<String> fromHeaderOrQuery(Request request) {
        if (config.checkHeader()) {
            Optional<String> header = request.header(config.header());
            if (header.isPresent()) {
                return header;
            }
        }
        if (config.checkParam()) {
            try {
                return request.queryParam(config.param());
            } catch (RuntimeException malformed) {
                return Optional.empty(); // the handler's own query parsing reports it
            }
        }
        return Optional.empty();
    }

    private static boolean isForm(Request request) {
        return request.contentType().map(MediaType::essence)
                .filter("application/x-www-form-urlencoded"::equals).isPresent();
    }

    private CompletionStage<Void> call(Application next, HttpScope http, Optional<String> value, Receive receive,
                                       Send send) {
        String method = value.map(v -> v.trim().toUpperCase(Locale.ROOT)).orElse("");
        if (!config.allowedMethods().contains(method)) {
            return next.call(http, receive, send);
        }
        RequestInfo r = http.request();
        RequestInfo changed = new RequestInfo(r.httpVersion(), method, r.scheme(), r.path(), r.rawPath(),
                r.queryString(), r.rootPath(), r.headers(), r.client(), r.server());
        return next.call(http.withRequest(changed).withAttribute(ORIGINAL_METHOD, r.method()), receive, send);
    }

    /** Collects the settings; {@link #build()} refuses unsafe ones, naming the option. */
    public static final class Builder {
        private String header = "x-http-method-override";
        private String param = "_method";
        private Set<String> allowedMethods = Set.of("PUT", "PATCH", "DELETE");
        private boolean checkHeader = true;
        private boolean checkParam = true;

        private Builder() {
        }

        /**
         * @param name the override header (default {@code X-HTTP-Method-Override})
         * @return this builder
         */
        public Builder header(String name) {
            header = Tokens.headerName("header", name);
            return this;
        }

        /**
         * @param name the query and form field (default {@code _method})
         * @return this builder
         */
        public Builder param(String name) {
            if (Objects.requireNonNull(name, "param").isEmpty()) {
                throw new IllegalArgumentException("param must not be empty");
            }
            param = name;
            return this;
        }

        /**
         * @param methods the methods a POST may become (default PUT, PATCH, DELETE); never GET, HEAD, CONNECT or
         *                TRACE
         * @return this builder
         */
        public Builder allowedMethods(String... methods) {
            Set<String> out = new LinkedHashSet<>();
            for (String m : methods) {
                String upper = Objects.requireNonNull(m, "allowedMethods").toUpperCase(Locale.ROOT);
                if (NEVER.contains(upper)) {
                    throw new IllegalArgumentException("allowedMethods: a POST must never become " + upper
                            + " (a safe or tunnelling method)");
                }
                if (!Tokens.isToken(upper)) {
                    throw new IllegalArgumentException("allowedMethods: '" + m + "' is not a method token");
                }
                out.add(upper);
            }
            allowedMethods = out;
            return this;
        }

        /**
         * @param value whether the header is read (default true)
         * @return this builder
         */
        public Builder checkHeader(boolean value) {
            checkHeader = value;
            return this;
        }

        /**
         * @param value whether the query and url-encoded form field is read (default true)
         * @return this builder
         */
        public Builder checkParam(boolean value) {
            checkParam = value;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalStateException when nothing could trigger an override or nothing is allowed
         */
        public MethodOverride build() {
            if (!checkHeader && !checkParam) {
                throw new IllegalStateException("checkHeader and checkParam are both false: nothing can override");
            }
            if (allowedMethods.isEmpty()) {
                throw new IllegalStateException("allowedMethods is empty: nothing can override");
            }
            return new MethodOverride(new Config(header, param, allowedMethods, checkHeader, checkParam));
        }
    }
}
