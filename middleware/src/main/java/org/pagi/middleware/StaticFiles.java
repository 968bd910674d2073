package org.pagi.middleware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;
import org.pagi.wrappers.routing.PathPrefixes;

/**
 * Serves files under a root directory, or a classpath folder (in a jar or a classpath directory), for GET and HEAD
 * requests whose path is under a URL prefix; validators, conditional requests and byte ranges are
 * {@link FileResponse}'s, the same for both kinds of root. The raw path is decoded once, segment by segment; a
 * segment that decodes to {@code /}, {@code \}, NUL or invalid UTF-8, an empty segment, {@code .} or {@code ..},
 * or a drive letter ({@code C:}) is refused with 400 before the root is touched. Dotfiles are hidden (404). What
 * the names reach must lie inside the root by path segments, never by string prefix ({@link StaticRoot}): a
 * symlink out of the root, or into a sibling directory sharing the root's name as a prefix, is a miss. A directory
 * (or jar folder) requested without a trailing slash is redirected (301) to the slash form; with one, its first
 * index file is served. A miss goes to the inner application, or is answered 404 when pass-through is off. Acts on
 * http only; websocket, sse and lifespan pass.
 *
 * <p>The path rules ({@link #segments}) and {@link StaticRoot} are the one static-file implementation of this
 * module; a ready-made file or directory application lives beside them in this package and reuses both.
 */
public final class StaticFiles implements Middleware {

    /**
     * @param root         what is served: a directory (its real path, symlinks resolved when built) or a
     *                     classpath folder
     * @param urlPrefix    requests under this path prefix (segment boundary) are looked up; {@code /} for all
     * @param indexFiles   names tried, in order, for a directory requested with a trailing slash
     * @param passThrough  whether a miss goes to the inner application (true) or is answered 404 (false)
     * @param cacheControl a {@code Cache-Control} value for files served; empty sends none (the default)
     */
    public record Config(StaticRoot root, String urlPrefix, List<String> indexFiles, boolean passThrough,
                         Optional<String> cacheControl) {
        /** Checks the options, naming the one refused. */
        public Config {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(cacheControl, "cacheControl");
            urlPrefix = PathPrefixes.check(List.of(Objects.requireNonNull(urlPrefix, "urlPrefix")), "urlPrefix")
                    .getFirst();
            if (urlPrefix.length() > 1 && urlPrefix.endsWith("/")) {
                urlPrefix = urlPrefix.substring(0, urlPrefix.length() - 1);
            }
            indexFiles = List.copyOf(indexFiles);
            for (String name : indexFiles) {
                if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")
                        || name.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("indexFiles: '" + name
                            + "' must be a plain file name, not empty, hidden or holding a separator");
                }
            }
        }
    }

    /** Why a request path was refused before the file system was touched. */
    private static final String REFUSED = "Bad Request: the path names no file under the static root";

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
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http) || !isGetOrHead(http.method())) {
                return next.call(scope, receive, send);
            }
            String path = http.path();
            if (!PathPrefixes.covers(List.of(config.urlPrefix()), path)) {
                return next.call(scope, receive, send);
            }
            String rest = path.substring(config.urlPrefix().length() == 1 ? 0 : config.urlPrefix().length());
            String rawRest = rawTail(http.rawPath().decode(StandardCharsets.ISO_8859_1), rest);
            Optional<List<String>> segments = segments(rawRest);
            if (segments.isEmpty()) {
                return Refusal.text(http, send, 400, REFUSED);
            }
            List<String> names = segments.get();
            if (names.stream().anyMatch(n -> n.startsWith("."))) {
                return miss(next, scope, receive, send);
            }
            StaticRoot.Lookup found = config.root().lookup(names);
            if (found instanceof StaticRoot.Folder) {
                if (!rest.endsWith("/")) {
                    String query = http.queryString().decode(StandardCharsets.ISO_8859_1);
                    String prefix = config.urlPrefix().length() == 1 ? "" : config.urlPrefix();
                    String location = http.rootPath() + prefix + rawRest + "/" + (query.isEmpty() ? "" : "?" + query);
                    return Refusal.send(http, send, 301, Headers.of("location", location,
                            "content-type", "text/plain; charset=utf-8"), "Moved Permanently");
                }
                found = index(names);
            }
            if (!(found instanceof StaticRoot.Found(FileSource source))) {
                return miss(next, scope, receive, send);
            }
            FileResponse file = FileResponse.of(source);
            if (config.cacheControl().isPresent()) {
                file = file.withHeader("cache-control", config.cacheControl().get());
            }
            return file.respond(scope, send);
        };
    }

    private CompletionStage<Void> miss(Application next, Scope scope, Receive receive, Send send) {
        if (config.passThrough()) {
            return next.call(scope, receive, send);
        }
        return Refusal.text((HttpScope) scope, send, 404, "Not Found");
    }

    private static boolean isGetOrHead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /**
     * The end of the raw path that decodes to {@code rest}, the decoded path after the prefix: the scope's path may
     * have lost a mount point or prefix the raw path still holds. Falls back to {@code rest} with each {@code %}
     * escaped when the path was rewritten to something the raw path does not end with, so it is not decoded twice.
     */
    static String rawTail(String raw, String rest) {
        if (rest.isEmpty()) {
            return "";
        }
        for (int i = raw.indexOf('/'); i >= 0; i = raw.indexOf('/', i + 1)) {
            String tail = raw.substring(i);
            if (decodeLenient(tail).equals(rest)) {
                return tail;
            }
        }
        StringBuilder escaped = new StringBuilder();
        for (byte b : rest.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            escaped.append(c == '%' || c >= 0x80 || c < 0x20 ? String.format("%%%02X", c) : String.valueOf((char) c));
        }
        return escaped.toString();
    }

    private static String decodeLenient(String raw) {
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("/", -1)) {
            parts.add(decode(part, CodingErrorAction.REPLACE).orElse("\0invalid"));   // as a server decodes
        }
        return String.join("/", parts);
    }

    /**
     * Splits the raw path after the prefix into decoded names, each decoded once.
     *
     * @return empty when a segment is refused (see the class comment)
     */
    static Optional<List<String>> segments(String rawRest) {
        String rest = rawRest.startsWith("/") ? rawRest.substring(1) : rawRest;
        List<String> names = new ArrayList<>();
        if (rest.isEmpty()) {
            return Optional.of(names);
        }
        String[] parts = rest.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean lastAndEmpty = i == parts.length - 1 && parts[i].isEmpty();
            if (lastAndEmpty) {
                break;   // a trailing slash: the directory itself
            }
            Optional<String> name = decode(parts[i], CodingErrorAction.REPORT);
            if (name.isEmpty() || !acceptable(name.get())) {
                return Optional.empty();
            }
            names.add(name.get());
        }
        return Optional.of(names);
    }

    private static boolean acceptable(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0
                && !(name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)));
    }

    /** Percent-decodes one segment as UTF-8; empty for a malformed escape, or invalid UTF-8 when reported. */
    private static Optional<String> decode(String segment, CodingErrorAction invalid) {
        byte[] out = new byte[segment.length()];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(invalid)
                    .onUnmappableCharacter(invalid).decode(ByteBuffer.wrap(out, 0, n)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The first index file of the folder at {@code names}, or a miss. */
    private StaticRoot.Lookup index(List<String> names) {
        for (String name : config.indexFiles()) {
            List<String> file = new ArrayList<>(names);
            file.add(name);
            if (config.root().lookup(file) instanceof StaticRoot.Found found) {
                return found;
            }
        }
        return new StaticRoot.Missing();
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
         *                                  empty, not a plain folder name or not found
         */
        public StaticFiles build() {
            StaticRoot served = root != null ? directory(root) : classpath(classpathRoot, loader);
            return new StaticFiles(new Config(served, urlPrefix, indexFiles, passThrough,
                    Optional.ofNullable(cacheControl)));
        }

        private static StaticRoot directory(Path root) {
            Path real;
            try {
                real = root.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("root: " + root + " does not exist or cannot be read", e);
            }
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("root: " + root + " is not a directory");
            }
            return new StaticRoot.Directory(real);
        }

        private static StaticRoot classpath(String folder, ClassLoader loader) {
            String name = folder.replaceAll("^/+|/+$", "");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("classpathRoot: must name a folder; the whole classpath would "
                        + "serve class files and configuration");
            }
            for (String segment : name.split("/", -1)) {
                if (!acceptable(segment) || segment.startsWith(".")) {
                    throw new IllegalArgumentException("classpathRoot: '" + folder + "' must be a folder name such "
                            + "as public or static/assets, without empty, dot or hidden segments");
                }
            }
            StaticRoot.Classpath classpath = new StaticRoot.Classpath(name, loader);
            if (!(classpath.lookup(List.of()) instanceof StaticRoot.Folder)) {
                throw new IllegalArgumentException("classpathRoot: '" + folder + "' is not a folder the class loader "
                        + "finds (a jar needs its directory entries)");
            }
            return classpath;
        }
    }
}
