package org.pagi.middleware;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseBodyEvent;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Hands file bodies to nginx: when the application answers 200 with a whole file (the file form of
 * {@code http.response.body}) or names one in a configured header, and the file lies under a configured
 * filesystem prefix, the response goes out with {@code X-Accel-Redirect: <internal location>/<rest of the path>},
 * {@code Content-Length: 0} and an empty body, and nginx sends the file from its {@code internal} location. Other
 * responses, files outside every prefix and partial file events pass unchanged (the configured header is always
 * removed, so an internal path never reaches a client). Only the response start is held, until the first body
 * event shows whether the body is a file; every other event is forwarded as it comes. Acts on http only.
 */
public final class XSendfile implements Middleware {

    /**
     * A filesystem prefix served by nginx from an internal location.
     *
     * @param prefix   an absolute, normalized directory, matched on path segments
     * @param location the nginx location ({@code location /protected/ { internal; alias ...; }}), starting with '/'
     */
    public record Mapping(Path prefix, String location) {
        /** Checks the pair, naming the option refused. */
        public Mapping {
            Objects.requireNonNull(prefix, "map");
            Objects.requireNonNull(location, "map");
            if (!prefix.isAbsolute() || !prefix.equals(prefix.normalize())) {
                throw new IllegalArgumentException("map: the prefix must be absolute and normalized, got " + prefix);
            }
            if (!location.startsWith("/") || location.contains("?") || location.contains("#")
                    || location.contains("/../") || location.endsWith("/..")) {
                throw new IllegalArgumentException("map: the location must be a plain path starting with '/', got '"
                        + location + "'");
            }
            location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        }
    }

    /**
     * @param mappings   the prefixes, the longest matching one is used
     * @param fileHeader a response header in which the application may name a file instead of sending it; empty
     *                   for none (the default)
     */
    public record Config(List<Mapping> mappings, Optional<String> fileHeader) {
        /** Checks the options, naming the one refused. */
        public Config {
            mappings = List.copyOf(mappings);
            Objects.requireNonNull(fileHeader, "fileHeader");
            if (mappings.isEmpty()) {
                throw new IllegalArgumentException("map: at least one prefix to location mapping is needed");
            }
            if (mappings.stream().map(Mapping::prefix).distinct().count() != mappings.size()) {
                throw new IllegalArgumentException("map: a prefix is mapped twice");
            }
            fileHeader = fileHeader.map(h -> h.toLowerCase(Locale.ROOT));
            if (fileHeader.isPresent() && !fileHeader.get().chars().allMatch(c -> c > ' ' && c < 0x7F && c != ':')) {
                throw new IllegalArgumentException("fileHeader: not a header name: '" + fileHeader.get() + "'");
            }
        }
    }

    private static final String ACCEL = "x-accel-redirect";

    private final Config config;

    private XSendfile(Config config) {
        this.config = config;
    }

    /** @return a builder: add at least one {@link Builder#map} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> scope instanceof HttpScope
                ? next.call(scope, receive, new Rewriting(send))
                : next.call(scope, receive, send);
    }

    /** @return the {@code X-Accel-Redirect} value for {@code file}, when it lies under a prefix */
    Optional<String> locationOf(Path file) {
        Path normal = file.toAbsolutePath().normalize();
        Mapping best = null;
        for (Mapping m : config.mappings()) {
            if (normal.startsWith(m.prefix()) && (best == null || m.prefix().getNameCount() > best.prefix().getNameCount())) {
                best = m;
            }
        }
        if (best == null || normal.equals(best.prefix())) {
            return Optional.empty();
        }
        StringBuilder location = new StringBuilder(best.location());
        for (Path name : best.prefix().relativize(normal)) {
            location.append('/').append(encode(name.toString()));
        }
        return Optional.of(location.toString());
    }

    /** Percent-encodes a path segment so nginx decodes it back to the file's name. */
    private static String encode(String segment) {
        try {
            return new URI(null, null, "/" + segment, null).getRawPath().substring(1).replace("?", "%3F")
                    .replace(";", "%3B");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The send of one response: holds the start of a 200 until the first body event. */
    private final class Rewriting implements Send {
        private final Send send;
        private HttpResponseStart held;
        private boolean swallowing;

        Rewriting(Send send) {
            this.send = send;
        }

        @Override
        public synchronized CompletionStage<Void> send(Event event) {
            if (event instanceof HttpResponseStart start) {
                return onStart(start);
            }
            if (swallowing && event instanceof HttpResponseBodyEvent body) {
                return body.more() ? CompletableFuture.completedFuture(null)
                        : send.send(HttpResponseBody.last(Bytes.empty()));
            }
            if (held != null && event instanceof HttpResponseBodyEvent) {
                HttpResponseStart start = held;
                held = null;
                if (event instanceof HttpResponseFile file && wholeFile(file)) {
                    Optional<String> location = locationOf(file.file());
                    if (location.isPresent()) {
                        return send.send(redirected(start, location.get()))
                                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
                    }
                }
                return send.send(start).thenCompose(v -> send.send(event));
            }
            return send.send(event);
        }

        private CompletionStage<Void> onStart(HttpResponseStart start) {
            if (config.fileHeader().isPresent()) {
                Optional<String> named = start.headers().first(config.fileHeader().get());
                if (named.isPresent()) {
                    HttpResponseStart without = new HttpResponseStart(start.status(),
                            start.headers().without(config.fileHeader().get()), start.trailers());
                    Optional<String> location = start.status() == 200 ? named.flatMap(XSendfile.this::pathLocation)
                            : Optional.empty();
                    if (location.isEmpty()) {
                        return send.send(without);
                    }
                    swallowing = true;
                    return send.send(redirected(without, location.get()));
                }
            }
            if (start.status() == 200 && !start.trailers()) {
                held = start;
                return CompletableFuture.completedFuture(null);
            }
            return send.send(start);
        }
    }

    private Optional<String> pathLocation(String value) {
        try {
            Path file = Path.of(value);
            return file.isAbsolute() ? locationOf(file) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static boolean wholeFile(HttpResponseFile file) {
        if (file.offset() != 0) {
            return false;
        }
        if (file.length().isEmpty()) {
            return true;
        }
        try {
            return file.length().getAsLong() == Files.size(file.file());
        } catch (IOException e) {
            return false;   // let the server report the unreadable file as it would without this middleware
        }
    }

    private static HttpResponseStart redirected(HttpResponseStart start, String location) {
        Headers headers = start.headers().without("content-length").without("content-range")
                .with(ACCEL, location).with("content-length", "0");
        return new HttpResponseStart(start.status(), headers, start.trailers());
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private final List<Mapping> mappings = new ArrayList<>();
        private String fileHeader;

        private Builder() {
        }

        /**
         * @param prefix   files under this absolute directory are handed to nginx
         * @param location the nginx {@code internal} location serving that directory (e.g. {@code /protected})
         * @return this builder
         */
        public Builder map(Path prefix, String location) {
            mappings.add(new Mapping(Objects.requireNonNull(prefix, "map"), location));
            return this;
        }

        /**
         * @param name a response header in which the application names an absolute file path instead of sending
         *             it (e.g. {@code X-Sendfile}); default none
         * @return this builder
         */
        public Builder fileHeader(String name) {
            fileHeader = Objects.requireNonNull(name, "fileHeader");
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused
         */
        public XSendfile build() {
            return new XSendfile(new Config(mappings, Optional.ofNullable(fileHeader)));
        }
    }
}
