package org.pagi.wrappers.response;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code Content-Type} of a file from its extension: a small built-in table of common types. Text types carry
 * {@code charset=utf-8}; an unknown or missing extension gives {@code application/octet-stream}, which browsers
 * download rather than guess at (with {@code X-Content-Type-Options: nosniff}).
 */
public final class ContentTypes {

    /** The type of a file whose extension is not in the table. */
    public static final String DEFAULT = "application/octet-stream";

    private static final String UTF8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain" + UTF8),
            Map.entry("text", "text/plain" + UTF8),
            Map.entry("md", "text/markdown" + UTF8),
            Map.entry("html", "text/html" + UTF8),
            Map.entry("htm", "text/html" + UTF8),
            Map.entry("css", "text/css" + UTF8),
            Map.entry("csv", "text/csv" + UTF8),
            Map.entry("xml", "text/xml" + UTF8),
            Map.entry("js", "text/javascript" + UTF8),
            Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("wasm", "application/wasm"));

    private ContentTypes() {
    }

    /**
     * @param fileName a file name or path; only what follows the last dot of the last segment counts
     * @return the table's type for the extension (case-insensitive), or {@link #DEFAULT}
     */
    public static String forFileName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String base = fileName.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        if (dot <= 0) {
            return DEFAULT;   // no extension, or a dot file such as ".profile"
        }
        return BY_EXTENSION.getOrDefault(base.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
