package org.pagi.middleware;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * Answers health probes without reaching the application. The liveness path ({@code /health/live}) always answers
 * 200 {@code {"status":"ok"}}: the server runs. The readiness path ({@code /health/ready}) and upstream's combined
 * path ({@code /health}, which adds a {@code timestamp}) run every registered check, all at once, each bounded by
 * the check timeout; when all succeed the answer is 200, when any fails, throws, answers {@code false} or times
 * out it is 503. The body names each check with its {@code status} ({@code ok}, {@code error}, {@code timeout})
 * and {@code duration_ms}; a failing check's exception message is not shown (it may name internals), only its
 * type. Responses are JSON with {@code Cache-Control: no-cache, no-store}.
 *
 * <p>Acts on http for the three paths, any method (HEAD gets the headers); every other request and scope passes
 * through untouched. Immutable and thread-safe; checks may be called concurrently by overlapping probes.
 */
public final class Healthcheck implements Middleware {

    /** A readiness check; it must not block the calling thread. */
    @FunctionalInterface
    public interface Check {
        /** @return completes with true when healthy, false or exceptionally when not */
        CompletionStage<Boolean> run();
    }

    /**
     * @param path           runs the checks and adds a timestamp (upstream's default {@code /health})
     * @param livePath       liveness, no checks (default {@code /health/live})
     * @param readyPath      readiness, runs the checks (default {@code /health/ready})
     * @param checks         named checks, in registration order
     * @param checkTimeout   how long each check may take (default 500 ms, below a Kubernetes probe's 1 s)
     * @param includeDetails name each check in the body (default true, as upstream)
     * @param version        the application's version, reported on the combined path (default none, as upstream)
     */
    public record Config(String path, String livePath, String readyPath, Map<String, Check> checks,
            Duration checkTimeout, boolean includeDetails, Optional<String> version) {
        /** Refuses paths that do not start with {@code /} or coincide, and a timeout that is not positive. */
        public Config {
            checkPath("path", path);
            checkPath("livePath", livePath);
            checkPath("readyPath", readyPath);
            if (path.equals(livePath) || path.equals(readyPath) || livePath.equals(readyPath)) {
                throw new IllegalArgumentException("path, livePath and readyPath must differ, got " + path + ", "
                        + livePath + ", " + readyPath);
            }
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
            if (checkTimeout == null || checkTimeout.isNegative() || checkTimeout.isZero()) {
                throw new IllegalArgumentException("checkTimeout must be positive, got " + checkTimeout);
            }
            Objects.requireNonNull(version, "version");
            if (version.isPresent() && (version.get().isBlank()
                    || version.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
                throw new IllegalArgumentException("version must be non-blank without control characters, got "
                        + version.get());
            }
        }

        private static void checkPath(String option, String value) {
            if (value == null || !value.startsWith("/")) {
                throw new IllegalArgumentException(option + " must be a path starting with '/', got " + value);
            }
        }
    }

    /** Builds a {@link Config}; every option starts at its default. */
    public static final class Builder {
        private String path = "/health";
        private String livePath = "/health/live";
        private String readyPath = "/health/ready";
        private final Map<String, Check> checks = new LinkedHashMap<>();
        private Duration checkTimeout = Duration.ofMillis(500);
        private boolean includeDetails = true;
        private String version;

        private Builder() {
        }

        /** @param value the combined path @return this builder */
        public Builder path(String value) {
            this.path = value;
            return this;
        }

        /** @param value the liveness path @return this builder */
        public Builder livePath(String value) {
            this.livePath = value;
            return this;
        }

        /** @param value the readiness path @return this builder */
        public Builder readyPath(String value) {
            this.readyPath = value;
            return this;
        }

        /**
         * @param name  how the check is named in the body; unique, not blank
         * @param check the check
         * @return this builder
         */
        public Builder check(String name, Check check) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("check name must not be blank");
            }
            if (checks.putIfAbsent(name, Objects.requireNonNull(check, "check")) != null) {
                throw new IllegalArgumentException("check '" + name + "' is registered twice");
            }
            return this;
        }

        /** @param value how long each check may take @return this builder */
        public Builder checkTimeout(Duration value) {
            this.checkTimeout = value;
            return this;
        }

        /** @param value name each check in the body @return this builder */
        public Builder includeDetails(boolean value) {
            this.includeDetails = value;
            return this;
        }

        /** @param value the application's version, reported on the combined path @return this builder */
        public Builder version(String value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /** @return the middleware @throws IllegalArgumentException naming the option that is wrong */
        public Healthcheck build() {
            return new Healthcheck(new Config(path, livePath, readyPath, checks, checkTimeout, includeDetails,
                    Optional.ofNullable(version)));
        }
    }

    private record Outcome(String name, String status, long durationMs, String error) {
    }

    private static final Headers HEADERS = Headers.of("content-type", "application/json",
            "cache-control", "no-cache, no-store");

    private final Config config;
    /** When this was built: the combined report's {@code uptime} counts from here, as upstream's from its load. */
    private final long startedNanos = System.nanoTime();

    private Healthcheck(Config config) {
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
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            String path = http.path();
            if (path.equals(config.livePath())) {
                return respond(send, 200, Map.of("status", "ok"));
            }
            if (path.equals(config.readyPath()) || path.equals(config.path())) {
                boolean stamp = path.equals(config.path());
                return runChecks().thenCompose(outcomes -> report(send, outcomes, stamp));
            }
            return next.call(scope, receive, send);
        };
    }

    /**
     * The same checks as an application of its own (upstream's {@code PAGI::App::Healthcheck}), to mount where a
     * probe should look (a {@code URLMap} entry, a router route): every {@code http} request, whatever its path
     * and method, runs the checks and gets the combined report ({@code timestamp} included), 200 or 503. A
     * WebSocket or SSE request gets 404 the way a router refuses it; the lifespan scope is declined.
     *
     * @return the application
     */
    public Application app() {
        return (scope, receive, send) -> switch (scope) {
            case HttpScope http -> runChecks().thenCompose(outcomes -> report(send, outcomes, true));
            case RequestScope other -> Refusal.text(other, send, 404, "Not Found");
            default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        };
    }

    private CompletionStage<Void> report(Send send, List<Outcome> outcomes, boolean stamp) {
        boolean healthy = outcomes.stream().allMatch(o -> o.status().equals("ok"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "ok" : "error");
        if (stamp) {
            body.put("timestamp", Instant.now().getEpochSecond());
            body.put("uptime", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
            config.version().ifPresent(v -> body.put("version", v));
        }
        if (config.includeDetails() && !outcomes.isEmpty()) {
            Map<String, Object> checks = new TreeMap<>();
            for (Outcome o : outcomes) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("status", o.status());
                one.put("duration_ms", o.durationMs());
                if (o.error() != null) {
                    one.put("error", o.error());
                }
                checks.put(o.name(), one);
            }
            body.put("checks", checks);
        }
        return respond(send, healthy ? 200 : 503, body);
    }

    /** Starts every check at once; the result never fails, whatever the checks do. */
    private CompletableFuture<List<Outcome>> runChecks() {
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        config.checks().forEach((name, check) -> running.add(run(name, check)));
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(v -> running.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Outcome> run(String name, Check check) {
        long start = System.nanoTime();
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            check.run().whenComplete((ok, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(ok);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result.orTimeout(config.checkTimeout().toNanos(), TimeUnit.NANOSECONDS).handle((ok, failure) -> {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                return new Outcome(name, "timeout", ms, "no answer within " + config.checkTimeout().toMillis() + " ms");
            }
            if (cause != null) {
                return new Outcome(name, "error", ms, "threw " + cause.getClass().getSimpleName());
            }
            return Boolean.TRUE.equals(ok) ? new Outcome(name, "ok", ms, null)
                    : new Outcome(name, "error", ms, "reported unhealthy");
        });
    }

    private static CompletionStage<Void> respond(Send send, int status, Map<String, Object> value) {
        Bytes body = Json.encode(value);
        return send.send(new HttpResponseStart(status, HEADERS.with("content-length", Integer.toString(body.length()))))
                .thenCompose(v -> send.send(HttpResponseBody.last(body)));
    }
}
