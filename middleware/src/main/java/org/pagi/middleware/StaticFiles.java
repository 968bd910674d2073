package org.pagi.middleware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.files.StaticRoot;
import org.pagi.wrappers.files.StaticSite;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.PathPrefixes;
import org.pagi.wrappers.routing.Refusal;

/**
 * Serves files under a root directory, or a classpath folder (in a jar or a classpath directory), for GET and HEAD
 * requests whose path is under a URL prefix. The lookup is the wrappers' {@link StaticSite} (path rules,
 * containment by segments, hidden dotfiles, index files, the 301 to a directory's slash form), the same as the
 * {@code File} and {@code Directory} applications'; validators, conditional requests and byte ranges are
 * {@link FileResponse}'s. A refused path gets 400; a miss goes to the inner application, or is answered 404 when
 * pass-through is off. Acts on http only; websocket, sse and lifespan pass.
 */
public final class StaticFiles implements Middleware {

    /**
     * @param site         what is served and the index files tried
     * @param urlPrefix    requests under this path prefix (segment boundary) are looked up; {@code /} for all
     * @param passThrough  whether a miss goes to the inner application (true) or is answered 404 (false)
     * @param cacheControl a {@code Cache-Control} value for files served; empty sends none (the default)
     */
    public record Config(StaticSite site, String urlPrefix, boolean passThrough, Optional<String> cacheControl) {
        /** Checks the options, naming the one refused. */
        public Config {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(cacheControl, "cacheControl");
            urlPrefix = PathPrefixes.check(List.of(Objects.requireNonNull(urlPrefix, "urlPrefix")), "urlPrefix")
                    .getFirst();
            if (urlPrefix.length() > 1 && urlPrefix.endsWith("/")) {
                urlPrefix = urlPrefix.substring(0, urlPrefix.length() - 1);
            }
        }

        /** @return what is served */
        public StaticRoot root() {
            return site.root();
        }
    }

    private final Config config;

    private StaticFiles(Config config) {
        this.config = config;
    }

    /**
     * @param root the directory to serve; it must exist
     * @return a builder: prefix {@code /}, index {@code index.html}, pass-through on, no {@code Cache-Control}
     */
    public static Builder builder(Path root) {
        return new Builder(Objects.requireNonNull(root, "root"), null, null);
    }

    /**
     * Serves a folder of the classpath, from a jar or a classpath directory, with the same rules as a directory.
     *
     * @param folder the folder's resource name, such as {@code public} or {@code static/assets} (slashes around it
     *               are dropped); it must exist, and in a jar needs its directory entry
     * @param loader the class loader that finds it, such as {@code getClass().getClassLoader()}
     * @return a builder with the defaults of {@link #builder(Path)}
     */
    public static Builder classpathBuilder(String folder, ClassLoader loader) {
        return new Builder(null, Objects.requireNonNull(folder, "classpathRoot"),
                Objects.requireNonNull(loader, "loader"));
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        String prefix = config.urlPrefix().length() == 1 ? "" : config.urlPrefix();
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http) || !(http.method().equals("GET") || http.method().equals("HEAD"))
                    || !PathPrefixes.covers(List.of(config.urlPrefix()), http.path())) {
                return next.call(scope, receive, send);
            }
            return switch (config.site().resolve(http, prefix)) {
                case StaticSite.Refused r -> StaticSite.refuse(http, send);
                case StaticSite.Redirect r -> StaticSite.redirect(http, send, r);
                case StaticSite.Serve(var source) -> config.cacheControl()
                        .map(value -> FileResponse.of(source).withHeader("cache-control", value))
                        .orElseGet(() -> FileResponse.of(source)).respond(scope, send);
                case StaticSite.Unindexed u -> miss(next, scope, receive, send);
                case StaticSite.Missing m -> miss(next, scope, receive, send);
            };
        };
    }

    private CompletionStage<Void> miss(Application next, Scope scope, Receive receive, Send send) {
        if (config.passThrough()) {
            return next.call(scope, receive, send);
        }
        return Refusal.text((HttpScope) scope, send, 404, "Not Found");
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private final Path root;
        private final String classpathRoot;
        private final ClassLoader loader;
        private String urlPrefix = "/";
        private final List<String> indexFiles = new ArrayList<>(List.of("index.html"));
        private boolean passThrough = true;
        private String cacheControl;

        private Builder(Path root, String classpathRoot, ClassLoader loader) {
            this.root = root;
            this.classpathRoot = classpathRoot;
            this.loader = loader;
        }

        /**
         * @param prefix only requests under this path prefix are looked up, the rest of the path names the file
         *               (e.g. {@code /assets}); default {@code /}
         * @return this builder
         */
        public Builder urlPrefix(String prefix) {
            urlPrefix = Objects.requireNonNull(prefix, "urlPrefix");
            return this;
        }

        /**
         * @param names the index files tried for a directory, in order (default {@code index.html}); none turns
         *              directory lookups into misses
         * @return this builder
         */
        public Builder indexFiles(String... names) {
            indexFiles.clear();
            indexFiles.addAll(List.of(names));
            return this;
        }

        /**
         * @param on whether a miss goes to the inner application (default true) or gets 404
         * @return this builder
         */
        public Builder passThrough(boolean on) {
            passThrough = on;
            return this;
        }

        /**
         * @param value the {@code Cache-Control} sent with every file served (default none)
         * @return this builder
         */
        public Builder cacheControl(String value) {
            cacheControl = Objects.requireNonNull(value, "cacheControl");
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused: a {@code root}
         *                                  that is not an existing directory, a {@code classpathRoot} that is
         *                                  empty, not a plain folder name or not found, an {@code indexFiles}
         *                                  name that is not a plain file name
         */
        public StaticFiles build() {
            StaticRoot served = root != null ? StaticRoot.directory(root) : StaticRoot.classpath(classpathRoot, loader);
            return new StaticFiles(new Config(new StaticSite(served, indexFiles), urlPrefix, passThrough,
                    Optional.ofNullable(cacheControl)));
        }
    }
}
