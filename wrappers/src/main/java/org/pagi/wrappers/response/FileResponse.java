package org.pagi.wrappers.response;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;

/**
 * A file, or a resource such as a jar entry ({@link FileSource}), as an HTTP response, with validators,
 * conditional requests and byte ranges done by {@link Conditional}:
 * {@code Content-Length}, {@code Content-Type} from the extension ({@link ContentTypes}) unless set,
 * {@code Content-Disposition} when asked for ({@link ContentDisposition}), {@code ETag}, {@code Last-Modified},
 * {@code Accept-Ranges: bytes}; 304, 206 (one range, or {@code multipart/byteranges}) and 416 as the request asks.
 * An immutable value, and an {@link org.pagi.spec.Application} answering every {@code http} scope with the file.
 *
 * <p>A file on disk is looked at when the response is sent, not when the value is built: a missing file or a
 * directory gives 404, a file the process may not read gives 403 (each a short text body), so a handler need not
 * check. A {@link FileSource.Resource} brings its length and time; it is opened only when a body is sent.
 *
 * <p>The {@code ETag} is strong, {@code "<size>-<mtime>"} in hex with the modification time in nanoseconds where
 * the file system keeps them: a strong tag is what lets {@code If-Range} resume a download (weak tags never match
 * there). Like nginx's and Apache's tags it assumes a file rewritten at the same size changes its mtime.
 *
 * <p>The body is never read whole: a whole or single-range body goes as the file form of
 * {@code http.response.body}, which is core to the spec (every server streams it); {@link #streamedInChunks()}
 * and multipart bodies read the file here, one 64 KiB chunk at a time, each after the server took the previous.
 * A resource is always read here that way ({@link StreamChunks}), its stream closed however the response ends.
 */
public final class FileResponse implements Respondable {

    private final FileSource source;
    private final Optional<String> contentType;
    private final Optional<String> disposition;
    private final Headers headers;
    private final boolean fileEvents;

    private FileResponse(FileSource source, Optional<String> contentType, Optional<String> disposition, Headers headers,
            boolean fileEvents) {
        this.source = source;
        this.contentType = contentType;
        this.disposition = disposition;
        this.headers = headers;
        this.fileEvents = fileEvents;
    }

    /** The file at {@code file} (made absolute), with its type from the extension and no disposition. */
    public static FileResponse of(Path file) {
        return of(FileSource.of(Objects.requireNonNull(file, "file")));
    }

    /** The file or resource {@code source}, with its type from its name's extension and no disposition. */
    public static FileResponse of(FileSource source) {
        return new FileResponse(Objects.requireNonNull(source, "source"), Optional.empty(), Optional.empty(),
                Headers.empty(), true);
    }

    /** @return what is sent: a file on disk or a resource */
    public FileSource source() {
        return source;
    }

    /**
     * @return the absolute path sent
     * @throws IllegalStateException when the source is a {@link FileSource.Resource}, which has no path
     */
    public Path file() {
        if (source instanceof FileSource.OnDisk(Path path)) {
            return path;
        }
        throw new IllegalStateException("FileResponse of " + source.name() + " is a resource, not a file on disk");
    }

    /** @return the extra header fields set with {@link #withHeader} */
    public Headers headers() {
        return headers;
    }

    /** @return the {@code Content-Type} sent: the one set, else {@link ContentTypes#forFileName} of the file */
    public String contentType() {
        return contentType.orElseGet(() -> ContentTypes.forFileName(source.name()));
    }

    /** @return the {@code Content-Disposition} sent, if one was asked for */
    public Optional<String> disposition() {
        return disposition;
    }

    /** Replaces the {@code Content-Type} taken from the extension. */
    public FileResponse withContentType(String type) {
        return new FileResponse(source, Optional.of(Objects.requireNonNull(type, "type")), disposition, headers,
                fileEvents);
    }

    /** {@code Content-Disposition: inline} with {@code filename}: shown by the browser, saved under that name. */
    public FileResponse inline(String filename) {
        return withDisposition(ContentDisposition.inline(filename));
    }

    /** {@code Content-Disposition: attachment} with the file's own name: the browser saves it. */
    public FileResponse attachment() {
        return attachment(source.name());
    }

    /** {@code Content-Disposition: attachment} with {@code filename} (cleaned, see {@link ContentDisposition}). */
    public FileResponse attachment(String filename) {
        return withDisposition(ContentDisposition.attachment(filename));
    }

    /**
     * Adds a header field such as {@code cache-control}; {@code content-length}, {@code content-range},
     * {@code etag}, {@code last-modified} and {@code accept-ranges} are the response's own and are refused.
     *
     * @throws IllegalArgumentException for one of those names
     */
    public FileResponse withHeader(String name, String value) {
        String lower = Objects.requireNonNull(name, "name").toLowerCase(java.util.Locale.ROOT);
        if (java.util.Set.of("content-length", "content-range", "etag", "last-modified", "accept-ranges")
                .contains(lower)) {
            throw new IllegalArgumentException(name + " is set by FileResponse from the file itself");
        }
        return new FileResponse(source, contentType, disposition, headers.with(lower, value), fileEvents);
    }

    /**
     * Reads the file here in 64 KiB chunks with backpressure instead of sending the file form of
     * {@code http.response.body}: for middleware that rewrites body bytes and only understands byte pieces.
     */
    public FileResponse streamedInChunks() {
        return new FileResponse(source, contentType, disposition, headers, false);
    }

    /**
     * Sends the file as the request asks (see the class comment).
     *
     * @return completes when the server took the last event; fails when the file cannot be read after the
     *     response started
     * @throws UnsupportedScopeException for a scope other than {@code http}
     * @throws IllegalStateException     when a response was already sent through {@code send}
     */
    @Override
    public CompletionStage<Void> respond(Scope scope, Send send) {
        if (!(scope instanceof HttpScope http)) {
            throw new UnsupportedScopeException(scope);
        }
        return switch (source) {
            case FileSource.OnDisk(Path file) -> respondWithFile(http, scope, send, file);
            case FileSource.Resource r -> send(http, send, r.length(), r.lastModified(),
                    new BodySource.Stream(r.opener(), r.length()));
        };
    }

    private CompletionStage<Void> respondWithFile(HttpScope http, Scope scope, Send send, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Response.text("Not Found").withStatus(404).respond(scope, send);
        } catch (AccessDeniedException e) {
            return Response.text("Forbidden").withStatus(403).respond(scope, send);
        } catch (IOException e) {
            return Response.text("Not Found").withStatus(404).respond(scope, send);
        }
        if (!attributes.isRegularFile()) {
            return Response.text("Not Found").withStatus(404).respond(scope, send);   // a directory, a device
        }
        if (!Files.isReadable(file)) {
            return Response.text("Forbidden").withStatus(403).respond(scope, send);
        }
        long size = attributes.size();
        return send(http, send, size, attributes.lastModifiedTime().toInstant(),
                new BodySource.File(file, size, fileEvents));
    }

    /** The one path for both sources, so their headers, validators and ranges cannot differ. */
    private CompletionStage<Void> send(HttpScope http, Send send, long size, Instant modified, BodySource body) {
        String etag = "\"" + Long.toHexString(size) + "-"
                + Long.toHexString(modified.getEpochSecond() * 1_000_000_000L + modified.getNano()) + "\"";
        Headers.Builder all = Headers.builder().add("content-type", contentType());
        disposition.ifPresent(d -> all.add("content-disposition", d));
        all.addAll(headers);
        return RangedSender.respond(http, send, all.build(), Optional.of(etag), Optional.of(modified), body);
    }

    /** A view whose {@code respond} waits; see {@link org.pagi.wrappers.Blocking}. */
    public BlockingFileResponse blocking() {
        return new BlockingFileResponse(this);
    }

    private FileResponse withDisposition(String value) {
        return new FileResponse(source, contentType, Optional.of(value), headers, fileEvents);
    }

    @Override
    public String toString() {
        return "FileResponse[" + (source instanceof FileSource.OnDisk(Path path) ? path : source.name()) + "]";
    }
}
