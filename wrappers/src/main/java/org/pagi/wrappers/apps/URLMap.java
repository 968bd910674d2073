package org.pagi.wrappers.apps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.routing.PathPrefixes;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.routing.RouterBuilder;

/**
 * Sends each request to the application mounted at the longest prefix of its path, on a segment boundary:
 * {@code /api} takes {@code /api} and {@code /api/x}, never {@code /apix}. The mounted application sees
 * {@code path} without the prefix ({@code /} when nothing is left) and {@code root_path} extended by it, so links
 * it builds from {@code root_path} point back under the mount. A prefix of {@code /} mounts at the root and takes
 * whatever no longer prefix takes.
 *
 * <p>Works for {@code http}, {@code websocket} and {@code sse} alike. When nothing matches, the default
 * application answers if one is set; otherwise the answer is the router's miss: {@code 404 Not Found} for http, a
 * 404 denial for a WebSocket (a close before accept when the server lacks {@code websocket.http.response}) and a
 * declined stream with 404 for SSE. The lifespan scope goes to the default application, or is declined.
 *
 * <p>The matching is the router's mount matching ({@link PathPrefixes}); a URLMap is a router with mounts only.
 * Immutable once built and safe to call from any thread.
 */
public final class URLMap implements Application {

    private final Router router;
    private final List<String> prefixes;

    private URLMap(Router router, List<String> prefixes) {
        this.router = router;
        this.prefixes = prefixes;
    }

    /** @return an empty map */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the mounted prefixes in the order they are tried: longest first, no trailing slash, the root empty */
    public List<String> prefixes() {
        return prefixes;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return router.call(scope, receive, send);
    }

    /** Collects the mounts; not thread-safe, build once and share the map. */
    public static final class Builder {
        private final Map<String, Application> mounts = new LinkedHashMap<>();
        private Application defaultApp;

        private Builder() {
        }

        /**
         * Mounts {@code app} at {@code prefix}.
         *
         * @param prefix a literal path starting with '/'; trailing slashes are ignored, {@code /} is the root
         * @param app    the application for paths under the prefix
         * @return this builder
         * @throws IllegalArgumentException naming {@code mount} when the prefix does not start with '/', holds a
         *                                  template character (an opening brace, a colon or a star) or is
         *                                  mounted already
         */
        public Builder mount(String prefix, Application app) {
            String normal = PathPrefixes.normalize(prefix, "mount");
            Objects.requireNonNull(app, "app");
            if (normal.indexOf('{') >= 0 || normal.indexOf(':') >= 0 || normal.indexOf('*') >= 0) {
                throw new IllegalArgumentException("mount: a prefix is literal, got '" + prefix + "'");
            }
            if (mounts.putIfAbsent(normal, app) != null) {
                throw new IllegalArgumentException("mount: '" + (normal.isEmpty() ? "/" : normal)
                        + "' is mounted twice");
            }
            return this;
        }

        /**
         * Mounts every entry of {@code mapping} (upstream's {@code map}).
         *
         * @param mapping prefix to application
         * @return this builder
         */
        public Builder mountAll(Map<String, ? extends Application> mapping) {
            mapping.forEach(this::mount);
            return this;
        }

        /**
         * Answers what no prefix takes, and the lifespan scope (default: the router's 404; lifespan declined).
         *
         * @param app the fallback application
         * @return this builder
         */
        public Builder defaultApp(Application app) {
            this.defaultApp = Objects.requireNonNull(app, "defaultApp");
            return this;
        }

        /** @return the map @throws IllegalStateException when nothing is mounted and no default is set */
        public URLMap build() {
            if (mounts.isEmpty() && defaultApp == null) {
                throw new IllegalStateException("mount: a URLMap needs at least one mount or a defaultApp");
            }
            RouterBuilder router = Router.builder();
            mounts.forEach((prefix, app) -> router.mount(prefix.isEmpty() ? "/" : prefix, app));
            if (defaultApp != null) {
                router.notFound(defaultApp).lifespan(defaultApp);
            }
            List<String> order = new ArrayList<>(mounts.keySet());
            order.sort(Comparator.comparingInt(String::length).reversed());
            return new URLMap(router.build(), List.copyOf(order));
        }
    }
}
