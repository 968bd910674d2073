package org.pagi.wrappers.apps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.files.StaticRoot;
import org.pagi.wrappers.files.StaticSite;
import org.pagi.wrappers.response.ContentTypes;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.routing.Refusal;

/**
 * Serves the files under a directory or a classpath folder, with the same rules as the {@code StaticFiles}
 * middleware because it is the same code ({@link StaticSite}): a path with an encoded separator, NUL, a dot
 * segment or a drive letter is refused (400); dotfiles and anything a symlink takes outside the root are missing
 * (404); a directory without its trailing slash is redirected (301) to the slash form, with it its first index
 * file ({@code index.html}, {@code index.htm}) is served, else 404. Files go out as {@link FileResponse}: strong
 * {@code ETag}, {@code Last-Modified}, 304 on {@code If-None-Match}/{@code If-Modified-Since}, {@code Range} and
 * {@code If-Range} (206, 416). The {@code Content-Type} comes from the extension ({@link ContentTypes}, plus the
 * types added with {@link Builder#contentType}), else the default type. Methods other than GET and HEAD get 405
 * with {@code Allow: GET, HEAD}; a WebSocket or SSE request is refused with 404 (no file is a stream) and the
 * lifespan scope is declined.
 */
public final class File implements Application {

    private final StaticSite site;
    private final Map<String, String> contentTypes;
    private final String defaultType;
    private final boolean ranges;
    private final Optional<String> cacheControl;

    private File(Builder b, StaticRoot root) {
        this.site = new StaticSite(root, b.indexFiles);
        this.contentTypes = Map.copyOf(b.contentTypes);
        this.defaultType = b.defaultType;
        this.ranges = b.ranges;
        this.cacheControl = Optional.ofNullable(b.cacheControl);
    }

    /**
     * @param root the directory to serve; it must exist
     * @return a builder with upstream's defaults: index {@code index.html} then {@code index.htm}, default type
     *         {@code application/octet-stream}, ranges on, no {@code Cache-Control}
     */
    public static Builder builder(Path root) {
        return new Builder(Objects.requireNonNull(root, "root"), null, null);
    }

    /**
     * @param folder the classpath folder to serve, such as {@code public} (see {@link StaticRoot#classpath})
     * @param loader the class loader that finds it
     * @return a builder with the defaults of {@link #builder(Path)}
     */
    public static Builder classpathBuilder(String folder, ClassLoader loader) {
        return new Builder(null, Objects.requireNonNull(folder, "classpathRoot"),
                Objects.requireNonNull(loader, "loader"));
    }

    /** @return the lookup this app serves from: its root and index files */
    public StaticSite site() {
        return site;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof RequestScope request)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        if (!(request instanceof HttpScope http)) {
            return Refusal.text(request, send, 404, "Not Found");
        }
        if (!http.method().equals("GET") && !http.method().equals("HEAD")) {
            return Refusal.send(http, send, 405, Headers.of("allow", "GET, HEAD",
                    "content-type", "text/plain; charset=utf-8"), "Method Not Allowed");
        }
        return answer(http, send, site.resolve(http, ""));
    }

    /** Answers what the lookup found; an unindexed folder is a miss here ({@link Directory} lists it). */
    CompletionStage<Void> answer(HttpScope http, Send send, StaticSite.Answer answer) {
        return switch (answer) {
            case StaticSite.Refused r -> StaticSite.refuse(http, send);
            case StaticSite.Redirect r -> StaticSite.redirect(http, send, r);
            case StaticSite.Serve(FileSource source) -> serve(http, send, source);
            case StaticSite.Unindexed u -> notFound(http, send);
            case StaticSite.Missing m -> notFound(http, send);
        };
    }

    static CompletionStage<Void> notFound(HttpScope http, Send send) {
        return Refusal.text(http, send, 404, "Not Found");
    }

    private CompletionStage<Void> serve(HttpScope http, Send send, FileSource source) {
        FileResponse file = FileResponse.of(source).withContentType(contentType(source.name()));
        if (cacheControl.isPresent()) {
            file = file.withHeader("cache-control", cacheControl.get());
        }
        // without ranges every request gets the whole file, as if it had sent neither header
        HttpScope asked = ranges ? http
                : http.withRequest(http.request().withHeaders(http.headers().without("range").without("if-range")));
        return file.respond(asked, send);
    }

    /** The added type for the name's extension, else the built-in table's, else the default type. */
    String contentType(String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String added = contentTypes.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (added != null) {
                return added;
            }
        }
        String known = ContentTypes.forFileName(name);
        return known.equals(ContentTypes.DEFAULT) ? defaultType : known;
    }

    /** Collects the options; each setter is optional. Not thread-safe; build once. */
    public static final class Builder {
        private final Path root;
        private final String classpathRoot;
        private final ClassLoader loader;
        private final List<String> indexFiles = new ArrayList<>(List.of("index.html", "index.htm"));
        private final Map<String, String> contentTypes = new HashMap<>();
        private String defaultType = ContentTypes.DEFAULT;
        private boolean ranges = true;
        private String cacheControl;

        private Builder(Path root, String classpathRoot, ClassLoader loader) {
            this.root = root;
            this.classpathRoot = classpathRoot;
            this.loader = loader;
        }

        /**
         * @param names the index files tried for a directory, in order (default {@code index.html},
         *              {@code index.htm}); none makes every directory a miss. Checked by {@link #build()}.
         * @return this builder
         */
        public Builder indexFiles(String... names) {
            indexFiles.clear();
            indexFiles.addAll(List.of(names));
            return this;
        }

        /**
         * @param extension a file extension without the dot, such as {@code avif} (case-insensitive)
         * @param type      the {@code Content-Type} for it, such as {@code image/avif}
         * @return this builder
         * @throws IllegalArgumentException naming {@code contentType} for an extension that is empty or holds a
         *                                  dot or separator, or a type that is blank or holds a control character
         */
        public Builder contentType(String extension, String type) {
            Objects.requireNonNull(extension, "contentType");
            if (extension.isEmpty() || extension.contains(".") || extension.contains("/")
                    || extension.contains("\\")) {
                throw new IllegalArgumentException("contentType: extension '" + extension
                        + "' must be a plain extension such as avif, without the dot");
            }
            contentTypes.put(extension.toLowerCase(Locale.ROOT), FieldValues.check(type, "contentType", true));
            return this;
        }

        /**
         * @param type the {@code Content-Type} of a file whose extension no table knows (default
         *             {@code application/octet-stream}, which browsers download rather than guess at)
         * @return this builder
         * @throws IllegalArgumentException naming {@code defaultType} when blank or holding a control character
         */
        public Builder defaultType(String type) {
            defaultType = FieldValues.check(type, "defaultType", true);
            return this;
        }

        /**
         * @param on whether {@code Range} requests get 206 (default true); off, every request gets the whole file,
         *           as when a proxy in front answers ranges from an {@code X-Sendfile} path
         * @return this builder
         */
        public Builder ranges(boolean on) {
            ranges = on;
            return this;
        }

        /**
         * @param value the {@code Cache-Control} sent with every file (default none)
         * @return this builder
         * @throws IllegalArgumentException naming {@code cacheControl} when blank or holding a control character
         */
        public Builder cacheControl(String value) {
            cacheControl = FieldValues.check(value, "cacheControl", true);
            return this;
        }

        /**
         * @return the application
         * @throws IllegalArgumentException naming the option refused: a {@code root} that is not an existing
         *                                  directory, a {@code classpathRoot} that is not a folder the loader finds,
         *                                  an {@code indexFiles} name that is not a plain file name
         */
        public File build() {
            return new File(this, root != null ? StaticRoot.directory(root)
                    : StaticRoot.classpath(classpathRoot, loader));
        }
    }
}
