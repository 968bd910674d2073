package org.pagi.middleware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Adds an {@code ETag} computed from the body to 200 responses that have none (upstream's {@code ETag}). Acts on
 * {@code http} scopes; every other scope passes through untouched.
 *
 * <p>Only a single-event body is hashed (its bytes are already in memory); a streamed body is never buffered: its
 * start event goes out unchanged as soon as the first body event shows more will follow. HEAD responses pass
 * through untouched, since their empty body is not the representation. The tag is the first 128 bits of the
 * body's SHA-256, in hex. This middleware does not answer {@code If-None-Match} itself: as upstream, that is
 * {@link ConditionalGet}'s job, enabled outside it. Enable it outside {@link Compression}, so the tag names the
 * bytes actually sent (see the README for the order).
 */
public final class Etag implements Middleware {

    /**
     * @param weak whether generated tags are weak ({@code W/"..."}); default strong
     */
    public record Config(boolean weak) {
    }

    private final Config config;

    private Etag(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults: strong tags */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> scope instanceof HttpScope http && !http.method().equals("HEAD")
                ? next.call(scope, receive, new TaggingSend(send))
                : next.call(scope, receive, send);
    }

    /** The tag for {@code body} as it goes into the {@code ETag} field. */
    String tag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            String opaque = '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
            return config.weak() ? "W/" + opaque : opaque;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One response: holds a taggable start until the first body event says whether it is the only one. */
    private final class TaggingSend implements Send {
        private final Send downstream;
        private HttpResponseStart held;
        private boolean started;

        TaggingSend(Send downstream) {
            this.downstream = downstream;
        }

        @Override
        public CompletionStage<Void> send(Event event) {
            if (!started && event instanceof HttpResponseStart start) {
                started = true;
                if (start.status() == 200 && !start.headers().contains("etag")) {
                    held = start;
                    return CompletableFuture.completedFuture(null);
                }
                return downstream.send(start);
            }
            if (held == null) {
                return downstream.send(event);
            }
            HttpResponseStart start = held;
            held = null;
            if (event instanceof HttpResponseBody body && !body.more()) {
                HttpResponseStart tagged = new HttpResponseStart(start.status(),
                        start.headers().with("etag", tag(body.body().toByteArray())), start.trailers());
                return downstream.send(tagged).thenCompose(v -> downstream.send(body));
            }
            return downstream.send(start).thenCompose(v -> downstream.send(event));   // a stream or a file
        }
    }

    /** Collects the options. */
    public static final class Builder {
        private boolean weak;

        private Builder() {
        }

        /**
         * @param weak generate weak tags (default false)
         * @return this builder
         */
        public Builder weak(boolean weak) {
            this.weak = weak;
            return this;
        }

        /** @return the middleware */
        public Etag build() {
            return new Etag(new Config(weak));
        }
    }
}
