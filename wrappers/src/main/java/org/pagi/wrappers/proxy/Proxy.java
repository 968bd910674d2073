package org.pagi.wrappers.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/**
 * A streaming reverse proxy to one backend, on the JDK's {@link HttpClient} (HTTP/1.1, redirects handed to the
 * client, no cookies kept). Serves {@code http} and {@code sse} scopes; a WebSocket or the lifespan fails with
 * {@link org.pagi.spec.UnsupportedScopeException}.
 *
 * <ul>
 *   <li>Bodies stream both ways with backpressure and are never held whole: one {@code receive} per piece the
 *       backend connection asks for, one backend piece per completed {@code send}.</li>
 *   <li>Hop-by-hop fields ({@code Connection} and the fields it names, {@code Keep-Alive}, {@code Proxy-*},
 *       {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}) are removed both ways;
 *       {@code Host} becomes the backend's, the client's goes on in {@code X-Forwarded-Host}.</li>
 *   <li>{@code Forwarded} and {@code X-Forwarded-For} get this hop appended (from the scope's client, as a
 *       {@code ProxyHeaders} middleware resolved it); {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} are
 *       set.</li>
 *   <li>The backend refusing the connection or failing before its head: {@code 502}. Connecting or waiting for
 *       the head beyond the timeouts: {@code 504}. Both bodies say which. A body over the limit: {@code 413},
 *       at once when {@code Content-Length} says so. A backend failing mid-body aborts the client's
 *       connection, so a cut response never looks complete.</li>
 *   <li>The client going away cancels the backend request.</li>
 * </ul>
 *
 * <p>Close the proxy when done with it: that stops its {@code HttpClient}.
 */
public final class Proxy implements Application, AutoCloseable {
    /** Default for {@link Builder#timeout} and {@link Builder#connectTimeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default for {@link Builder#maxRequestBody}: 1 MiB, as the {@code BodyLimit} middleware. */
    public static final long DEFAULT_MAX_REQUEST_BODY = 1L << 20;

    private final ProxyConfig config;
    private final HttpClient client;

    private Proxy(ProxyConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // h2c would ask for an Upgrade on a streamed body
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    /**
     * @param backend the backend's base URI, {@code http} or {@code https}, e.g. {@code http://10.0.0.5:8080/api}
     * @return a builder with the defaults
     */
    public static Builder to(String backend) {
        return new Builder(backend);
    }

    /** @return the backend's base URI */
    public URI backend() {
        return config.backend();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        Downstream downstream = Downstream.of(scope);
        try {
            return new ProxyExchange(config, client, (RequestScope) scope, downstream, receive, send).run();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops the proxy's {@code HttpClient}, aborting backend requests still running. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    /** Collects the settings; every setter refuses a bad value with a message naming it. */
    public static final class Builder {
        private final URI backend;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private long maxRequestBody = DEFAULT_MAX_REQUEST_BODY;
        private boolean appendForwarded = true;
        private final Headers.Builder extra = Headers.builder();

        private Builder(String backend) {
            this.backend = checkBackend(backend);
        }

        private static URI checkBackend(String backend) {
            Objects.requireNonNull(backend, "backend");
            URI uri;
            try {
                uri = new URI(backend);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("backend is not a URI: " + e.getMessage(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("backend must be an http or https URI, got '" + backend + "'");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("backend has no host: '" + backend + "'");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(
                        "backend must not carry user info (it would leak into logs); add an authorization header");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("backend must not have a query or fragment: '" + backend + "'");
            }
            return uri;
        }

        /**
         * @param value how long connecting to the backend may take before the client gets a 504 (default 30 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            return this;
        }

        /**
         * @param value how long the backend may take to send its response head, counted from the start of the
         *              request, before the client gets a 504 (default 30 s); a body that then streams for longer
         *              is not cut
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = positive("timeout", value);
            return this;
        }

        /**
         * @param bytes the largest request body forwarded (default 1 MiB); a larger one gets 413, before anything
         *              reaches the backend when {@code Content-Length} announces it
         * @return this builder
         */
        public Builder maxRequestBody(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxRequestBody must be >= 0, got " + bytes);
            }
            this.maxRequestBody = bytes;
            return this;
        }

        /**
         * @param value {@code true} (default) to extend the {@code Forwarded} and {@code X-Forwarded-For} chains
         *              the request brought; {@code false} to drop them and start the chains at this client, for
         *              a proxy that faces clients directly
         * @return this builder
         */
        public Builder appendForwarded(boolean value) {
            this.appendForwarded = value;
            return this;
        }

        /**
         * Adds a field to every backend request, in place of the client's fields of the same name.
         *
         * @param name  the field name; not hop-by-hop, not one the proxy writes itself
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Header h = Header.of(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "value"));
            if (UpstreamRequest.RESTRICTED.contains(h.name())
                    || HopByHop.isHopByHop(h.name(), java.util.Set.of())) {
                throw new IllegalArgumentException("header '" + h.name()
                        + "' cannot be added: it is hop-by-hop or set by the HTTP client itself");
            }
            extra.add(h);
            return this;
        }

        /** @return the proxy, with its own {@code HttpClient} */
        public Proxy build() {
            return new Proxy(new ProxyConfig(backend, connectTimeout, timeout, maxRequestBody, appendForwarded,
                    extra.build()));
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
