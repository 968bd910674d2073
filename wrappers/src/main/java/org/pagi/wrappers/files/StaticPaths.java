package org.pagi.wrappers.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The request-path rules of static files: the raw path is decoded once, segment by segment, and a segment that
 * decodes to {@code /}, {@code \}, NUL or invalid UTF-8, an empty segment, {@code .} or {@code ..}, or a drive
 * letter ({@code C:}) is refused before any root is touched. Dotted names are left to {@link StaticSite}, which
 * answers them as missing (hidden) rather than refused.
 */
public final class StaticPaths {

    private StaticPaths() {
    }

    /**
     * Splits the raw path below the served prefix into decoded names, each decoded once; a trailing slash names
     * the directory itself.
     *
     * @param rawRest the raw (still percent-encoded) path below the prefix, such as {@code /css/site%20a.css}
     * @return the names, empty for the root; or empty when a segment is refused (see the class comment)
     */
    public static Optional<List<String>> segments(String rawRest) {
        String rest = rawRest.startsWith("/") ? rawRest.substring(1) : rawRest;
        List<String> names = new ArrayList<>();
        if (rest.isEmpty()) {
            return Optional.of(names);
        }
        String[] parts = rest.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                break;   // a trailing slash: the directory itself
            }
            Optional<String> name = decode(parts[i], CodingErrorAction.REPORT);
            if (name.isEmpty() || !acceptable(name.get())) {
                return Optional.empty();
            }
            names.add(name.get());
        }
        return Optional.of(names);
    }

    /**
     * @param name a decoded name, such as a file name found in a directory or an option's value
     * @return whether it could be served: not refused by {@link #segments} and not hidden (no leading dot)
     */
    public static boolean plainName(String name) {
        return acceptable(name) && !name.startsWith(".");
    }

    /**
     * The end of the raw path that decodes to {@code rest}, the decoded path after the prefix: the scope's path may
     * have lost a mount point or prefix the raw path still holds. Falls back to {@code rest} with each {@code %}
     * escaped when the path was rewritten to something the raw path does not end with, so it is not decoded twice.
     *
     * @param raw  the request's raw path, read as ISO-8859-1
     * @param rest the decoded path below the prefix
     * @return its raw form
     */
    public static String rawTail(String raw, String rest) {
        if (rest.isEmpty()) {
            return "";
        }
        for (int i = raw.indexOf('/'); i >= 0; i = raw.indexOf('/', i + 1)) {
            String tail = raw.substring(i);
            if (decodeLenient(tail).equals(rest)) {
                return tail;
            }
        }
        StringBuilder escaped = new StringBuilder();
        for (byte b : rest.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            escaped.append(c == '%' || c >= 0x80 || c < 0x20 ? String.format("%%%02X", c) : String.valueOf((char) c));
        }
        return escaped.toString();
    }

    private static String decodeLenient(String raw) {
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("/", -1)) {
            parts.add(decode(part, CodingErrorAction.REPLACE).orElse("\0invalid"));   // as a server decodes
        }
        return String.join("/", parts);
    }

    private static boolean acceptable(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0
                && !(name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)));
    }

    /** Percent-decodes one segment as UTF-8; empty for a malformed escape, or invalid UTF-8 when reported. */
    private static Optional<String> decode(String segment, CodingErrorAction invalid) {
        byte[] out = new byte[segment.length()];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(invalid)
                    .onUnmappableCharacter(invalid).decode(ByteBuffer.wrap(out, 0, n)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
