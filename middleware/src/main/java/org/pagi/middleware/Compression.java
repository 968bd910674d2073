package org.pagi.middleware;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.routing.Middleware;

/**
 * Compresses HTTP responses with gzip or deflate, chosen from {@code Accept-Encoding} by q-value (upstream's
 * {@code GZip}, plus deflate). Acts on {@code http} scopes; every other scope passes through untouched.
 *
 * <p>A response is compressed when its status is 2xx other than 204 and 206, it has no {@code Content-Encoding}, no
 * {@code Cache-Control: no-transform}, a {@code Content-Type} on the allow-list (never {@code text/event-stream}),
 * and its body is at least {@code minSize} bytes (a declared {@code Content-Length} or a single-event body; a
 * streamed body of unknown length counts as large). Such responses also get {@code Vary: Accept-Encoding}, whether
 * or not this client accepted a coding. The status is kept; a strong {@code ETag} is weakened ({@code W/}) because
 * the compressed bytes differ from those it was computed on.
 *
 * <p>A single-event body is compressed whole and gets its new {@code Content-Length}. A streamed body is
 * compressed event by event, each flushed with {@code SYNC_FLUSH} so every chunk or event reaches the client as
 * soon as the application sends it, and goes out without {@code Content-Length}. HEAD gets the headers a GET would,
 * without {@code Content-Length} since the compressed length is unknown.
 */
public final class Compression implements Middleware {

    /** Upstream's default minimum body size, in bytes. */
    public static final int DEFAULT_MIN_SIZE = 1024;
    /** Upstream's default allow-list of compressible media types. */
    public static final List<String> DEFAULT_MIME_TYPES = List.of("text/html", "text/plain", "text/css",
            "text/javascript", "application/json", "application/javascript", "application/xml");

    /**
     * What and how to compress.
     *
     * @param minSize   bodies shorter than this many bytes are sent as they are
     * @param mimeTypes media types to compress: {@code type/subtype} or {@code type/*}
     * @param level     deflate level, 1 (fastest) to 9 (smallest)
     * @param codings   codings offered, in order of preference on equal q-values
     */
    public record Config(int minSize, List<String> mimeTypes, int level, List<ContentCoding> codings) {
        /** Validates every option; a message names the one that is wrong. */
        public Config {
            if (minSize < 0) {
                throw new IllegalArgumentException("minSize must be >= 0, got " + minSize);
            }
            if (level < 1 || level > 9) {
                throw new IllegalArgumentException("level must be 1..9, got " + level);
            }
            mimeTypes = List.copyOf(Objects.requireNonNull(mimeTypes, "mimeTypes")).stream()
                    .map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
            if (mimeTypes.isEmpty()) {
                throw new IllegalArgumentException("mimeTypes must not be empty");
            }
            for (String t : mimeTypes) {
                if (!t.matches("[a-z0-9!#$&^_.+-]+/([a-z0-9!#$&^_.+-]+|\\*)")) {
                    throw new IllegalArgumentException("mimeTypes: '" + t + "' is not type/subtype or type/*");
                }
                if (t.equals("text/event-stream")) {
                    throw new IllegalArgumentException("mimeTypes: text/event-stream is never compressed, "
                            + "events must reach the client unbuffered");
                }
            }
            codings = List.copyOf(Objects.requireNonNull(codings, "codings"));
            if (codings.isEmpty() || new LinkedHashSet<>(codings).size() != codings.size()) {
                throw new IllegalArgumentException("codings must be non-empty without repeats, got " + codings);
            }
        }

        /** Whether a response of this {@code Content-Type} is on the allow-list. */
        boolean compressible(String contentType) {
            String essence;
            try {
                essence = MediaType.parse(contentType).essence().toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
            if (essence.equals("text/event-stream")) {
                return false;
            }
            for (String t : mimeTypes) {
                if (t.endsWith("/*") ? essence.startsWith(t.substring(0, t.length() - 1)) : essence.equals(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Config config;
    /** Per {@code Content-Type} value: whether it is on the allow-list. */
    private final HeaderMemo<Boolean> compressibleTypes;
    /** Per single {@code Accept-Encoding} value: the coding chosen for it. */
    private final HeaderMemo<Optional<ContentCoding>> chosenCodings;

    private Compression(Config config) {
        this.config = config;
        this.compressibleTypes = new HeaderMemo<>(256, config::compressible);
        this.chosenCodings = new HeaderMemo<>(256, v -> ContentCoding.negotiate(List.of(v), config.codings()));
    }

    /** @return a builder with upstream's defaults: min size 1024, its type list, level 6, gzip then deflate */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> scope instanceof HttpScope http
                ? next.call(scope, receive, new CompressingSend(config, coding(http), http.method().equals("HEAD"),
                        compressibleTypes::get, send))
                : next.call(scope, receive, send);
    }

    private Optional<ContentCoding> coding(HttpScope http) {
        List<String> acceptEncoding = http.request().headers().all("accept-encoding");
        return acceptEncoding.size() == 1 ? chosenCodings.get(acceptEncoding.get(0))
                : ContentCoding.negotiate(acceptEncoding, config.codings());
    }

    /** Collects the options; {@link #build} validates them. */
    public static final class Builder {
        private int minSize = DEFAULT_MIN_SIZE;
        private List<String> mimeTypes = DEFAULT_MIME_TYPES;
        private int level = 6;
        private List<ContentCoding> codings = List.of(ContentCoding.GZIP, ContentCoding.DEFLATE);

        private Builder() {
        }

        /**
         * @param bytes the smallest body worth compressing (default 1024)
         * @return this builder
         */
        public Builder minSize(int bytes) {
            this.minSize = bytes;
            return this;
        }

        /**
         * @param types the media types to compress, {@code type/subtype} or {@code type/*}
         * @return this builder
         */
        public Builder mimeTypes(List<String> types) {
            this.mimeTypes = new ArrayList<>(types);
            return this;
        }

        /**
         * @param level deflate level 1..9 (default 6)
         * @return this builder
         */
        public Builder level(int level) {
            this.level = level;
            return this;
        }

        /**
         * @param codings the codings to offer, preferred first (default gzip, deflate)
         * @return this builder
         */
        public Builder codings(ContentCoding... codings) {
            this.codings = List.of(codings);
            return this;
        }

        /** @return the middleware; throws {@link IllegalArgumentException} naming a wrong option */
        public Compression build() {
            return new Compression(new Config(minSize, mimeTypes, level, codings));
        }
    }
}
