package org.pagi.wrappers.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.routing.Refusal;

/**
 * What a GET or HEAD request names under a {@link StaticRoot}: the one static-file lookup behind the
 * {@code StaticFiles} middleware and the {@code File} and {@code Directory} applications. The path is split and
 * checked by {@link StaticPaths} (refused: 400); a dotted name is hidden (missing); what the names reach must lie
 * inside the root by segments ({@link StaticRoot}). A directory requested without a trailing slash is redirected
 * (301) to the slash form, keeping the query; with one, its first index file is served, else it is unindexed.
 *
 * @param root       what is served
 * @param indexFiles names tried, in order, for a directory requested with a trailing slash
 */
public record StaticSite(StaticRoot root, List<String> indexFiles) {

    /** Why a request path was refused before the file system was touched. */
    public static final String REFUSED = "Bad Request: the path names no file under the static root";

    /** Checks for null and that every index file is a plain name. */
    public StaticSite {
        Objects.requireNonNull(root, "root");
        indexFiles = List.copyOf(indexFiles);
        for (String name : indexFiles) {
            if (!StaticPaths.plainName(name)) {
                throw new IllegalArgumentException("indexFiles: '" + name
                        + "' must be a plain file name, not empty, hidden or holding a separator");
            }
        }
    }

    /** What a request names. */
    public sealed interface Answer {
    }

    /** The path was refused before the root was touched: answer 400 ({@link #refuse}). */
    public record Refused() implements Answer {
    }

    /**
     * A directory asked for without its trailing slash: answer 301 ({@link #redirect}).
     *
     * @param location the slash form, with the mount point, prefix and query
     */
    public record Redirect(String location) implements Answer {
    }

    /**
     * A file to send.
     *
     * @param source the file on disk or the jar entry
     */
    public record Serve(FileSource source) implements Answer {
    }

    /**
     * A directory asked for with its trailing slash that holds none of the index files.
     *
     * @param names     its names below the root, empty for the root
     * @param directory its real path on disk; empty for a jar folder
     */
    public record Unindexed(List<String> names, Optional<Path> directory) implements Answer {
        /** Copies the names. */
        public Unindexed {
            names = List.copyOf(names);
            Objects.requireNonNull(directory, "directory");
        }
    }

    /** Nothing servable: missing, outside the root, hidden, or neither a file nor a folder. */
    public record Missing() implements Answer {
    }

    /**
     * @param http   a GET or HEAD request
     * @param prefix the part of {@code http.path()} that is not below the root: empty, or a prefix such as
     *               {@code /assets} that the path starts with on a segment boundary
     * @return what the rest of the path names
     */
    public Answer resolve(HttpScope http, String prefix) {
        String rest = http.path().substring(prefix.length());
        String raw = http.rawPath().decode(StandardCharsets.ISO_8859_1);
        String rawRest = StaticPaths.rawTail(raw, rest);
        // a mount gives "/" for its own path asked without the slash; the raw path tells, and relative links need it
        boolean slash = rest.endsWith("/") && !(rest.equals("/") && !raw.isEmpty() && !raw.endsWith("/"));
        Optional<List<String>> segments = StaticPaths.segments(rawRest);
        if (segments.isEmpty()) {
            return new Refused();
        }
        List<String> names = segments.get();
        if (names.stream().anyMatch(n -> n.startsWith("."))) {
            return new Missing();
        }
        return switch (root.lookup(names)) {
            case StaticRoot.Found(FileSource source) -> new Serve(source);
            case StaticRoot.Missing m -> new Missing();
            case StaticRoot.Folder(Optional<Path> directory) when !slash -> {
                String query = http.queryString().decode(StandardCharsets.ISO_8859_1);
                yield new Redirect(http.rootPath() + prefix + (rawRest.endsWith("/") ? rawRest : rawRest + "/")
                        + (query.isEmpty() ? "" : "?" + query));
            }
            case StaticRoot.Folder(Optional<Path> directory) -> index(names, directory);
        };
    }

    /** The folder's first index file, or the folder unindexed. */
    private Answer index(List<String> names, Optional<Path> directory) {
        for (String name : indexFiles) {
            List<String> file = new ArrayList<>(names);
            file.add(name);
            if (root.lookup(file) instanceof StaticRoot.Found(FileSource source)) {
                return new Serve(source);
            }
        }
        return new Unindexed(names, directory);
    }

    /**
     * Answers a {@link Refused} path: 400 with {@link #REFUSED}.
     *
     * @param http the request
     * @param send where the answer goes
     * @return completes when it is sent
     */
    public static CompletionStage<Void> refuse(HttpScope http, Send send) {
        return Refusal.text(http, send, 400, REFUSED);
    }

    /**
     * Answers a {@link Redirect}: 301 to its location.
     *
     * @param http     the request
     * @param send     where the answer goes
     * @param redirect the location
     * @return completes when it is sent
     */
    public static CompletionStage<Void> redirect(HttpScope http, Send send, Redirect redirect) {
        return Refusal.send(http, send, 301, Headers.of("location", redirect.location(),
                "content-type", "text/plain; charset=utf-8"), "Moved Permanently");
    }
}
