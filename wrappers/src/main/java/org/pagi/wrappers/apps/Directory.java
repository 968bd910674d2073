package org.pagi.wrappers.apps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.files.StaticSite;
import org.pagi.wrappers.http.Accept;
import org.pagi.wrappers.routing.HeadSend;
import org.pagi.wrappers.routing.Refusal;

/**
 * A {@link File} application over a directory that also lists a directory holding no index file: as HTML (every
 * name HTML-escaped, every link percent-encoded, a {@code ..} link except at the root, so never above it), or as
 * JSON ({@code [{"name", "is_dir", "size", "mtime"}]}) when {@code Accept} prefers {@code application/json}.
 * Directories come first, then names in order. Hidden (dotted) names are left out unless
 * {@link Builder#showHidden} is on, and even then are listed only, never served; a symlink out of the root is never
 * listed. A directory of more than {@code listingLimit} entries (default 10,000) is not listed (403), so one
 * request cannot make the server read and sort an unbounded folder. Everything else is the {@link File} app's.
 */
public final class Directory implements Application {

    private static final String JSON = "application/json";
    private static final String HTML = "text/html";

    private final File files;
    private final boolean showHidden;
    private final int listingLimit;

    private Directory(File files, boolean showHidden, int listingLimit) {
        this.files = files;
        this.showHidden = showHidden;
        this.listingLimit = listingLimit;
    }

    /**
     * @param root the directory to serve and list; it must exist
     * @return a builder with {@link File}'s defaults, hidden names off and a listing limit of 10,000 entries
     */
    public static Builder builder(Path root) {
        return new Builder(File.builder(root));
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope http) || !(http.method().equals("GET") || http.method().equals("HEAD"))) {
            return files.call(scope, receive, send);
        }
        StaticSite.Answer answer = files.site().resolve(http, "");
        if (answer instanceof StaticSite.Unindexed(List<String> names, var directory) && directory.isPresent()) {
            return list(http, http.method().equals("HEAD") ? new HeadSend(send) : send, names, directory.get());
        }
        return files.answer(http, send, answer);
    }

    private CompletionStage<Void> list(HttpScope http, Send send, List<String> names, Path directory) {
        List<DirectoryListing.Entry> entries;
        try {
            entries = DirectoryListing.read(files.site().root(), names, directory, showHidden, listingLimit);
        } catch (DirectoryListing.TooManyEntriesException e) {
            return Refusal.text(http, send, 403, "Forbidden: " + e.getMessage());
        } catch (IOException e) {
            return Refusal.text(http, send, 403, "Forbidden");
        }
        boolean json = Accept.parse(http.headers()).preferred(List.of(HTML, JSON)).filter(JSON::equals).isPresent();
        if (json) {
            return Refusal.send(http, send, 200, Headers.of("content-type", JSON, "vary", "accept"),
                    DirectoryListing.json(entries));
        }
        String shown = http.rootPath() + "/" + (names.isEmpty() ? "" : String.join("/", names) + "/");
        return Refusal.send(http, send, 200, Headers.of("content-type", "text/html; charset=utf-8", "vary", "accept"),
                DirectoryListing.html(shown, names.isEmpty(), entries));
    }

    /** Collects the options: {@link File}'s, plus hidden names and the listing limit. Not thread-safe. */
    public static final class Builder {
        private final File.Builder files;
        private boolean showHidden;
        private int listingLimit = 10_000;

        private Builder(File.Builder files) {
            this.files = files;
        }

        /**
         * @param names see {@link File.Builder#indexFiles}; a directory holding one is served it, not listed
         * @return this builder
         */
        public Builder indexFiles(String... names) {
            files.indexFiles(names);
            return this;
        }

        /**
         * @param extension see {@link File.Builder#contentType}
         * @param type      the {@code Content-Type} for it
         * @return this builder
         */
        public Builder contentType(String extension, String type) {
            files.contentType(extension, type);
            return this;
        }

        /**
         * @param type see {@link File.Builder#defaultType}
         * @return this builder
         */
        public Builder defaultType(String type) {
            files.defaultType(type);
            return this;
        }

        /**
         * @param on see {@link File.Builder#ranges}
         * @return this builder
         */
        public Builder ranges(boolean on) {
            files.ranges(on);
            return this;
        }

        /**
         * @param value see {@link File.Builder#cacheControl}
         * @return this builder
         */
        public Builder cacheControl(String value) {
            files.cacheControl(value);
            return this;
        }

        /**
         * @param on whether dotted names are listed (default false); they are still never served
         * @return this builder
         */
        public Builder showHidden(boolean on) {
            showHidden = on;
            return this;
        }

        /**
         * @param entries the most entries a listed directory may hold (default 10,000)
         * @return this builder
         * @throws IllegalArgumentException naming {@code listingLimit} when it is not positive
         */
        public Builder listingLimit(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("listingLimit: must be 1 or more, got " + entries);
            }
            listingLimit = entries;
            return this;
        }

        /**
         * @return the application
         * @throws IllegalArgumentException naming the option refused, as {@link File.Builder#build()}
         */
        public Directory build() {
            return new Directory(files.build(), showHidden, listingLimit);
        }
    }
}
