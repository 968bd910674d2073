package org.pagi.wrappers.files;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.wrappers.response.FileSource;

/**
 * Where static files come from, and the containment rule for each kind of root: a directory, or a folder of the
 * classpath (in a jar or in a classpath directory). Given the names of a request path, already decoded and checked
 * by {@link StaticPaths} (no separator, NUL, {@code .}, {@code ..}, drive letter or dotted name), a root answers
 * with a file, a folder or nothing.
 *
 * <p>Containment is by path segments, never by string prefix. For a directory, and for a classpath resource that
 * is a file on disk, the real path (symlinks resolved) must lie under the root's real path
 * ({@link Path#startsWith(Path)}), and no name below the root may start with a dot (a link to a dotfile). For a jar
 * entry, the entry name the class loader found, split on {@code /}, must start with the root's segments and hold no
 * empty, {@code .}, {@code ..} or dotted segment below them.
 */
public sealed interface StaticRoot permits StaticRoot.Directory, StaticRoot.Classpath {

    /** What a request path names under a root. */
    sealed interface Lookup {
    }

    /**
     * A file to send.
     *
     * @param source the file on disk or the jar entry
     */
    record Found(FileSource source) implements Lookup {
    }

    /**
     * A directory, or a jar folder (an entry ending in {@code /}): redirected to its slash form or indexed.
     *
     * @param directory the directory's real path on disk; empty for a jar folder
     */
    record Folder(Optional<Path> directory) implements Lookup {
        /** Checks for null. */
        public Folder {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /** Nothing servable: missing, outside the root, hidden, or neither a regular file nor a folder. */
    record Missing() implements Lookup {
    }

    /**
     * @param names the request path's names below the root, decoded and checked; empty for the root itself
     * @return what they name
     */
    Lookup lookup(List<String> names);

    /**
     * @param root a directory; symlinks in its path are resolved once, here
     * @return the root serving it
     * @throws IllegalArgumentException naming {@code root} when it does not exist or is not a directory
     */
    static Directory directory(Path root) {
        Path real;
        try {
            real = Objects.requireNonNull(root, "root").toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("root: " + root + " does not exist or cannot be read", e);
        }
        if (!Files.isDirectory(real)) {
            throw new IllegalArgumentException("root: " + root + " is not a directory");
        }
        return new Directory(real);
    }

    /**
     * @param folder the folder's resource name, such as {@code public} or {@code static/assets} (slashes around it
     *               are dropped); in a jar it needs its directory entry
     * @param loader the class loader that finds it
     * @return the root serving it
     * @throws IllegalArgumentException naming {@code classpathRoot} when it is empty (the whole classpath would
     *                                  serve class files), not a plain folder name, or not a folder the loader finds
     */
    static Classpath classpath(String folder, ClassLoader loader) {
        Objects.requireNonNull(folder, "classpathRoot");
        Objects.requireNonNull(loader, "loader");
        String name = folder.replaceAll("^/+|/+$", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("classpathRoot: must name a folder; the whole classpath would "
                    + "serve class files and configuration");
        }
        for (String segment : name.split("/", -1)) {
            if (!StaticPaths.plainName(segment)) {
                throw new IllegalArgumentException("classpathRoot: '" + folder + "' must be a folder name such "
                        + "as public or static/assets, without empty, dot or hidden segments");
            }
        }
        Classpath classpath = new Classpath(name, loader);
        if (!(classpath.lookup(List.of()) instanceof Folder)) {
            throw new IllegalArgumentException("classpathRoot: '" + folder + "' is not a folder the class loader "
                    + "finds (a jar needs its directory entries)");
        }
        return classpath;
    }

    /**
     * A directory on disk.
     *
     * @param path the directory's real path
     */
    record Directory(Path path) implements StaticRoot {
        /** Checks for null. */
        public Directory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Lookup lookup(List<String> names) {
            Path candidate = path;
            for (String name : names) {
                candidate = candidate.resolve(name);
            }
            return onDisk(path, candidate);
        }
    }

    /**
     * A folder of the classpath, looked up through {@link ClassLoader#getResource}: in a jar (which needs its
     * directory entries, as the {@code jar} tool and Maven write them) or in a classpath directory.
     *
     * @param prefix the folder's resource name, such as {@code public} or {@code static/assets}
     * @param loader the class loader that finds it
     */
    record Classpath(String prefix, ClassLoader loader) implements StaticRoot {
        /** Checks for null. */
        public Classpath {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(loader, "loader");
        }

        @Override
        public Lookup lookup(List<String> names) {
            String name = names.isEmpty() ? prefix + "/" : prefix + "/" + String.join("/", names);
            URL url = loader.getResource(name);
            if (url == null) {
                return new Missing();
            }
            try {
                if (url.getProtocol().equals("file")) {
                    Path file = Path.of(url.toURI());
                    Path below = Path.of(prefix, names.toArray(String[]::new));
                    if (!file.endsWith(below)) {
                        return new Missing();   // not where a classpath directory keeps this name
                    }
                    Path root = file;
                    for (int i = 0; i < names.size(); i++) {
                        root = root.getParent();   // the folder: the file is root/names...
                    }
                    return onDisk(root.toRealPath(), file);
                }
                URLConnection connection = url.openConnection();
                if (!(connection instanceof JarURLConnection jar) || !contained(jar.getEntryName())) {
                    return new Missing();   // another kind of resource, or an entry outside the root
                }
                return jar.getJarEntry().isDirectory() ? new Folder(Optional.empty())
                        : new Found(FileSource.of(url));
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return new Missing();
            }
        }

        /**
         * @param entryName a jar entry's name, such as {@code public/css/site.css}
         * @return whether it lies below {@code prefix} by segments, with nothing empty, hidden or dotted
         */
        public boolean contained(String entryName) {
            List<String> segments = new ArrayList<>(List.of(entryName.split("/", -1)));
            if (!segments.isEmpty() && segments.getLast().isEmpty()) {
                segments.removeLast();   // a folder's trailing slash
            }
            List<String> root = List.of(prefix.split("/"));
            if (segments.size() < root.size() || !segments.subList(0, root.size()).equals(root)) {
                return false;
            }
            return segments.subList(root.size(), segments.size()).stream()
                    .noneMatch(s -> s.isEmpty() || s.startsWith("."));
        }
    }

    /**
     * The file or directory {@code candidate} when its real path lies inside {@code realRoot} by segments and no
     * name below the root is hidden (a symlink whose target is a dotfile).
     */
    private static Lookup onDisk(Path realRoot, Path candidate) {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            return new Missing();
        }
        if (!real.startsWith(realRoot)) {
            return new Missing();   // a symlink out of the root, e.g. into a same-prefix sibling
        }
        for (int i = realRoot.getNameCount(); i < real.getNameCount(); i++) {   // the names below the root
            if (real.getName(i).toString().startsWith(".")) {
                return new Missing();   // a link whose target is a dotfile
            }
        }
        if (Files.isDirectory(real)) {
            return new Folder(Optional.of(real));
        }
        return Files.isRegularFile(real) ? new Found(FileSource.of(real)) : new Missing();
    }
}
