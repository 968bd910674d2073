package org.pagi.wrappers.apps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.files.StaticPaths;
import org.pagi.wrappers.files.StaticRoot;
import org.pagi.wrappers.json.Json;

/**
 * The entries of one directory and their HTML and JSON forms, as upstream's {@code PAGI::App::Directory} lists
 * them: directories first, then by name; a file's size in bytes, a directory's 0; the modification time in epoch
 * seconds. Only what a request could reach is listed: an entry the root's lookup finds (a symlink out of the root
 * or into a dotfile is left out), plus, when hidden files are shown, a dotted file or directory that is not a link
 * (its name only: it is never served).
 */
final class DirectoryListing {

    /** One listed name. */
    record Entry(String name, boolean directory, long size, long mtime) {
    }

    /** The directory holds more entries than the listing limit. */
    static final class TooManyEntriesException extends IOException {
        TooManyEntriesException(int limit) {
            super("the directory holds more than " + limit + " entries (listingLimit)");
        }
    }

    private DirectoryListing() {
    }

    /**
     * @param root       the root the directory lies in
     * @param names      the directory's names below the root
     * @param directory  its real path
     * @param showHidden whether dotted names are listed
     * @param limit      the most entries read
     * @return the entries, sorted
     * @throws IOException when the directory cannot be read or holds more than {@code limit} entries
     */
    static List<Entry> read(StaticRoot root, List<String> names, Path directory, boolean showHidden, int limit)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        int seen = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                if (++seen > limit) {
                    throw new TooManyEntriesException(limit);
                }
                entry(root, names, child, showHidden).ifPresent(entries::add);
            }
        }
        entries.sort(Comparator.comparing(Entry::directory).reversed().thenComparing(Entry::name));
        return entries;
    }

    private static Optional<Entry> entry(StaticRoot root, List<String> names, Path child, boolean showHidden)
            throws IOException {
        String name = child.getFileName().toString();
        if (name.startsWith(".")) {
            if (!showHidden || name.indexOf('\\') >= 0) {
                return Optional.empty();
            }
            BasicFileAttributes own = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return own.isSymbolicLink() || !(own.isDirectory() || own.isRegularFile()) ? Optional.empty()
                    : Optional.of(entry(name, own));
        }
        if (!StaticPaths.plainName(name)) {
            return Optional.empty();   // a name no request path can spell, such as one holding a backslash
        }
        List<String> below = new ArrayList<>(names);
        below.add(name);
        if (root.lookup(below) instanceof StaticRoot.Missing) {
            return Optional.empty();   // outside the root, hidden behind a link, or not a file or directory
        }
        return Optional.of(entry(name, Files.readAttributes(child, BasicFileAttributes.class)));
    }

    private static Entry entry(String name, BasicFileAttributes attributes) {
        boolean directory = attributes.isDirectory();
        return new Entry(name, directory, directory ? 0 : attributes.size(),
                attributes.lastModifiedTime().toInstant().getEpochSecond());
    }

    /** @return {@code [{"name":…,"is_dir":0|1,"size":…,"mtime":…}, …]}, upstream's shape */
    static Bytes json(List<Entry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", e.name());
            row.put("is_dir", e.directory() ? 1 : 0);
            row.put("size", e.size());
            row.put("mtime", e.mtime());
            out.add(row);
        }
        return Json.encode(out);
    }

    /**
     * @param shown   the directory's path as the client sees it, with its trailing slash
     * @param atRoot  whether it is the root, which has no parent link
     * @param entries its entries
     * @return the page; every name is HTML-escaped and every link percent-encoded
     */
    static Bytes html(String shown, boolean atRoot, List<Entry> entries) {
        String title = escape(shown);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Index of ")
                .append(title).append("</title><style>body{font-family:sans-serif;margin:20px}")
                .append("table{border-collapse:collapse}")
                .append("th,td{padding:8px 16px;text-align:left;border-bottom:1px solid #ddd}")
                .append("a{text-decoration:none;color:#0066cc}a:hover{text-decoration:underline}</style></head>")
                .append("<body><h1>Index of ").append(title)
                .append("</h1><table><tr><th>Name</th><th>Size</th></tr>");
        if (!atRoot) {
            html.append("<tr><td><a href=\"../\">..</a></td><td>-</td></tr>");
        }
        for (Entry e : entries) {
            String name = e.directory() ? e.name() + "/" : e.name();
            html.append("<tr><td><a href=\"").append(escape(percentEncode(name))).append("\">")
                    .append(escape(name)).append("</a></td><td>")
                    .append(e.directory() ? "-" : size(e.size())).append("</td></tr>");
        }
        return Bytes.utf8(html.append("</table></body></html>").toString());
    }

    /** Upstream's sizes: {@code 0}, else one decimal in B, KB, MB or GB (powers of 1024). */
    static String size(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        String[] units = {"B", "KB", "MB", "GB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Percent-encodes the UTF-8 bytes of all but {@code A-Z a-z 0-9 - _ . ~ /}: a {@code :} too, so no scheme. */
    static String percentEncode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Escapes {@code & < > " '} for HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
