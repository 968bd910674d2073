package org.pagi.wrappers.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A jar of a {@link StaticTree} base, as the {@code jar} tool writes one: a directory entry for each directory and
 * each regular file with its modification time ({@code pub/...}, the same-prefix sibling {@code pubx/...} and
 * {@code outside.txt}). A jar holds no symlinks, so the tree's links are left out.
 */
public final class StaticJar {

    private StaticJar() {
    }

    /** Writes the jar of {@code base} to {@code jar} and returns a class loader over it alone (no parent). */
    public static URLClassLoader create(Path base, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(base)) {
            List<Path> paths = walk.filter(p -> !p.equals(base) && !Files.isSymbolicLink(p)).sorted().toList();
            for (Path p : paths) {
                boolean folder = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                JarEntry entry = new JarEntry(base.relativize(p).toString().replace('\\', '/') + (folder ? "/" : ""));
                entry.setLastModifiedTime(Files.getLastModifiedTime(p));
                out.putNextEntry(entry);
                if (!folder) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
        return loader(jar);
    }

    /** A class loader over {@code location} (a jar or a directory) alone, so nothing else answers its names. */
    public static URLClassLoader loader(Path location) {
        try {
            return new URLClassLoader(new URL[] {location.toUri().toURL()}, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
