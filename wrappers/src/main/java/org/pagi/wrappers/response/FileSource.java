package org.pagi.wrappers.response;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a {@link FileResponse} sends: a file on disk, or a resource of known length and modification time read
 * through an {@link InputStream} (a jar entry, a classpath resource). Both get the same headers, validators,
 * conditional requests and ranges; a resource is streamed in 64 KiB reads (a range by skipping to it), never read
 * whole, and its stream is closed whatever ends the response.
 */
public sealed interface FileSource permits FileSource.OnDisk, FileSource.Resource {

    /** @return the file's name, which gives the {@code Content-Type} and the default attachment name */
    String name();

    /** Opens a resource's content from its first byte; each call gives a new stream the caller closes. */
    @FunctionalInterface
    interface Opener {
        /**
         * @return a new stream at the resource's first byte
         * @throws IOException when the resource cannot be read
         */
        InputStream open() throws IOException;
    }

    /**
     * A file on disk, looked at when the response is sent (see {@link FileResponse}).
     *
     * @param path the file, absolute and normalized
     */
    record OnDisk(Path path) implements FileSource {
        /** Makes the path absolute and normalized. */
        public OnDisk {
            path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        }

        @Override
        public String name() {
            Path name = path.getFileName();
            return name == null ? "" : name.toString();
        }
    }

    /**
     * Content that is not a file on disk, such as a jar entry.
     *
     * @param name         the resource's file name (its last path segment)
     * @param length       its length in bytes, 0 or more
     * @param lastModified its modification time, the {@code Last-Modified} value and part of the {@code ETag}
     * @param opener       opens its content; called once per range sent, never for HEAD or 304
     */
    record Resource(String name, long length, Instant lastModified, Opener opener) implements FileSource {
        /** Checks for null and a negative length. */
        public Resource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lastModified, "lastModified");
            Objects.requireNonNull(opener, "opener");
            if (length < 0) {
                throw new IllegalArgumentException("length: " + length + " must be 0 or more");
            }
        }
    }

    /** @return the file at {@code path} */
    static FileSource of(Path path) {
        return new OnDisk(path);
    }

    /**
     * @param jar   an open jar, which the caller keeps open while responses are sent
     * @param entry one of its file entries, as read from the jar (so its size is known)
     * @return the entry, with the entry's size and time
     * @throws IllegalArgumentException for a directory entry or one of unknown size
     */
    static Resource of(JarFile jar, JarEntry entry) {
        Objects.requireNonNull(jar, "jar");
        if (entry.isDirectory() || entry.getSize() < 0) {
            throw new IllegalArgumentException("entry: " + entry.getName() + " is a directory or of unknown size");
        }
        return new Resource(lastSegment(entry.getName()), entry.getSize(),
                entry.getLastModifiedTime().toInstant(), () -> jar.getInputStream(entry));
    }

    /**
     * A resource found by URL, such as one from {@link ClassLoader#getResource}: a {@code file:} URL is the file on
     * disk; a {@code jar:} URL is its entry (size and time from the jar's central directory, the jar shared through
     * the JDK's URL cache).
     *
     * @return the source
     * @throws FileNotFoundException when the URL names nothing, a jar directory, or uses another protocol
     * @throws IOException           when it cannot be looked at
     */
    static FileSource of(URL url) throws IOException {
        if (url.getProtocol().equals("file")) {
            try {
                return new OnDisk(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                throw new FileNotFoundException(url + ": not a file path");
            }
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            if (entry == null || entry.isDirectory() || entry.getSize() < 0) {
                throw new FileNotFoundException(url + ": not a file entry of known size");
            }
            // the connection's jar is shared by the JDK's cache, so streams opened later need not reopen it
            return of(jar.getJarFile(), entry);
        }
        throw new FileNotFoundException(url + ": only file: and jar: URLs are served");
    }

    private static String lastSegment(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
