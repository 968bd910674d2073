package org.pagi.wrappers.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A static root for tests, laid out under {@code base}: {@code pub/} (the root) with files, an index, hidden files
 * and symlinks pointing out; {@code pubx/} beside it (a sibling whose name has the root's as a prefix) and
 * {@code outside.txt}, both holding {@link #SECRET} so a leak shows in any body.
 */
public final class StaticTree {
    /** The content of every file a request must never reach. */
    public static final String SECRET = "SECRET-DO-NOT-SERVE";
    /** The 100 bytes of {@code a.txt}. */
    public static final String DIGITS = "0123456789".repeat(10);

    private StaticTree() {
    }

    /** @return the root, {@code base/pub} */
    public static Path create(Path base) throws IOException {
        Path root = Files.createDirectories(base.resolve("pub"));
        Path sibling = Files.createDirectories(base.resolve("pubx"));
        write(base.resolve("outside.txt"), SECRET);
        write(sibling.resolve("leak.txt"), SECRET);
        write(root.resolve("a.txt"), DIGITS);
        write(root.resolve("page.html"), "<p>page</p>");
        write(root.resolve("index.html"), "<p>home</p>");
        write(root.resolve(".secret"), SECRET);
        write(Files.createDirectories(root.resolve(".git")).resolve("config"), SECRET);
        Path sub = Files.createDirectories(root.resolve("sub"));
        write(sub.resolve("index.html"), "<p>sub</p>");
        write(sub.resolve(".hidden"), SECRET);
        write(sub.resolve("b.css"), "b{}");
        Files.createDirectories(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("link-out"), base.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("link-sibling"), sibling.resolve("leak.txt"));
        Files.createSymbolicLink(root.resolve("link-dir-sibling"), sibling);
        Files.createSymbolicLink(root.resolve("link-dot"), root.resolve(".secret"));
        Files.createSymbolicLink(root.resolve("link-in"), root.resolve("a.txt"));
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        // old enough that Last-Modified is a strong validator for If-Range
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
    }
}
