package org.pagi.middleware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small static root for the middleware's smoke checks, under {@code base}: {@code pub/} (the root) with files,
 * index files, a dotfile and symlinks pointing out; {@code pubx/} beside it (a sibling whose name has the root's as
 * a prefix) and {@code outside.txt}, both holding {@link #SECRET}. The full tree and the corpora iterated over it
 * are the wrappers' ({@code org.pagi.wrappers.files}); test code is not shared across modules.
 */
final class StaticTree {
    /** The content of every file a request must never reach. */
    static final String SECRET = "SECRET-DO-NOT-SERVE";
    /** The 100 bytes of {@code a.txt}. */
    static final String DIGITS = "0123456789".repeat(10);

    private StaticTree() {
    }

    /** @return the root, {@code base/pub} */
    static Path create(Path base) throws IOException {
        Path root = Files.createDirectories(base.resolve("pub"));
        Path sibling = Files.createDirectories(base.resolve("pubx"));
        Files.writeString(base.resolve("outside.txt"), SECRET);
        Files.writeString(sibling.resolve("leak.txt"), SECRET);
        Files.writeString(root.resolve("a.txt"), DIGITS);
        Files.writeString(root.resolve("index.html"), "<p>home</p>");
        Files.writeString(root.resolve("page.html"), "<p>page</p>");
        Files.writeString(root.resolve(".secret"), SECRET);
        Path sub = Files.createDirectories(root.resolve("sub"));
        Files.writeString(sub.resolve("index.html"), "<p>sub</p>");
        Files.writeString(sub.resolve("b.css"), "b{}");
        Files.createDirectories(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("link-out"), base.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("link-dir-sibling"), sibling);
        Files.createSymbolicLink(root.resolve("link-in"), root.resolve("a.txt"));
        return root;
    }
}
