package org.pagi.wrappers.files;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A {@link StaticTree} on disk and as a classpath: a jar of it and a class loader over its base directory, each of
 * which finds the root as the folder {@code pub}.
 *
 * @param root      the tree's root, {@code base/pub}
 * @param jarLoader a class loader over the jar alone
 * @param dirLoader a class loader over the base directory alone
 */
public record StaticRoots(Path root, URLClassLoader jarLoader, URLClassLoader dirLoader) implements AutoCloseable {

    /** Adds files to the tree before the jar is written. */
    @FunctionalInterface
    public interface Extra {
        /** @param root the tree's root */
        void add(Path root) throws IOException;
    }

    /** Lays out the tree under {@code base}, lets {@code extra} add to it, and writes its jar into {@code jars}. */
    public static StaticRoots create(Path base, Path jars, Extra extra) throws IOException {
        Path root = StaticTree.create(base);
        extra.add(root);
        return new StaticRoots(root, StaticJar.create(base, jars.resolve("site.jar")), StaticJar.loader(base));
    }

    @Override
    public void close() throws IOException {
        jarLoader.close();
        dirLoader.close();
    }
}
