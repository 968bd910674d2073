package org.pagi.server.run;

import static org.pagi.spec.server.LogEscape.escape;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Endpoint;

/**
 * Turns an {@link AccessLogEntry} into one log line, following Apache's {@code mod_log_config}.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>name</th><th>format</th></tr>
 *   <tr><td>{@code common}</td><td>{@code %h - - %t "%r" %s %b} (NCSA Common Log Format)</td></tr>
 *   <tr><td>{@code combined}</td><td>{@code common} + {@code  "%{Referer}i" "%{User-agent}i"}</td></tr>
 *   <tr><td>{@code compact}</td><td>{@code 127.0.0.1 GET /path?q=1 200 12B 1.3ms}</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Placeholders</caption>
 *   <tr><th>placeholder</th><th>value</th></tr>
 *   <tr><td>{@code %h}</td><td>client host, {@code -} if unknown</td></tr>
 *   <tr><td>{@code %l}, {@code %u}</td><td>always {@code -} (identd, user: so Apache formats work)</td></tr>
 *   <tr><td>{@code %t}</td><td>start time, UTC: {@code [10/Oct/2000:13:55:36 +0000]}</td></tr>
 *   <tr><td>{@code %r}</td><td>request line: {@code GET /a?b=1 HTTP/1.1}</td></tr>
 *   <tr><td>{@code %m}</td><td>method</td></tr>
 *   <tr><td>{@code %U}</td><td>path as sent (the target before {@code ?})</td></tr>
 *   <tr><td>{@code %q}</td><td>query with its {@code ?}, or nothing</td></tr>
 *   <tr><td>{@code %H}</td><td>protocol: {@code HTTP/1.1}</td></tr>
 *   <tr><td>{@code %s}</td><td>status ({@code %>s} and {@code %<s} too); {@code -} if none was sent</td></tr>
 *   <tr><td>{@code %b}</td><td>response body bytes, {@code -} for none</td></tr>
 *   <tr><td>{@code %B}</td><td>response body bytes, {@code 0} for none</td></tr>
 *   <tr><td>{@code %D}</td><td>duration in microseconds</td></tr>
 *   <tr><td>{@code %T}</td><td>duration in whole seconds; {@code %{ms}T}, {@code %{us}T}, {@code %{s}T} pick
 *       the unit</td></tr>
 *   <tr><td>{@code %{NAME}i}</td><td>request header NAME (any case), repeats joined by {@code ", "};
 *       {@code -} if absent</td></tr>
 *   <tr><td>{@code %S}</td><td>scope type: {@code http}, {@code websocket} or {@code sse}</td></tr>
 *   <tr><td>{@code %%}</td><td>a literal {@code %}</td></tr>
 * </table>
 *
 * <p>Everything that comes from the client (host, request line, method, path, query, protocol, header values) is
 * escaped by {@link org.pagi.spec.server.LogEscape} as Apache's {@code ap_escape_logitem} does, so a request can
 * never split a log line or forge one:
 * {@code "} becomes {@code \"}, {@code \} becomes {@code \\}, backspace, LF, CR, tab and vertical tab become
 * {@code \b \n \r \t \v}, and every other byte outside printable ASCII becomes {@code \xhh}. A character above
 * U+00FF (none comes off the wire, whose text is ISO-8859-1) is escaped byte by byte in UTF-8. Literal text from
 * the format itself is written as given.
 *
 * <p>A format is parsed once into a list of parts; {@link #format} only appends. Instances are immutable and
 * thread-safe.
 */
public final class AccessLogFormat {
    /** The NCSA Common Log Format. */
    public static final String COMMON = "%h - - %t \"%r\" %s %b";
    /** The NCSA Combined Log Format: common plus referer and user agent. */
    public static final String COMBINED = COMMON + " \"%{Referer}i\" \"%{User-agent}i\"";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.US).withZone(ZoneOffset.UTC);

    /** One piece of a line. */
    @FunctionalInterface
    private interface Part {
        void append(StringBuilder out, AccessLogEntry entry);
    }

    private final String source;
    private final List<Part> parts;

    private AccessLogFormat(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * @param presetOrFormat {@code common}, {@code combined}, {@code compact}, or a format of placeholders
     * @return the parsed format
     * @throws IllegalArgumentException naming the first unknown or incomplete placeholder
     */
    public static AccessLogFormat parse(String presetOrFormat) {
        Objects.requireNonNull(presetOrFormat, "presetOrFormat");
        return switch (presetOrFormat) {
            case "common" -> new AccessLogFormat(presetOrFormat, parseParts(COMMON));
            case "combined" -> new AccessLogFormat(presetOrFormat, parseParts(COMBINED));
            case "compact" -> new AccessLogFormat(presetOrFormat, compactParts());
            default -> new AccessLogFormat(presetOrFormat, parseParts(presetOrFormat));
        };
    }

    /** @return the log line for {@code entry}, without a line terminator */
    public String format(AccessLogEntry entry) {
        StringBuilder out = new StringBuilder(128);
        for (Part part : parts) {
            part.append(out, entry);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "AccessLogFormat[" + source + "]";
    }

    private static List<Part> compactParts() {
        return List.of(
                AccessLogFormat::host, literal(" "),
                (out, e) -> escape(out, e.method()), literal(" "),
                (out, e) -> escape(out, e.target()), literal(" "),
                AccessLogFormat::status, literal(" "),
                (out, e) -> out.append(e.bodyBytes()).append('B'), literal(" "),
                AccessLogFormat::millisWithOneDecimal);
    }

    private static List<Part> parseParts(String format) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            String argument = null;
            boolean modified = false;
            if (i < format.length() && format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw bad(format, start, format.substring(start), "has no closing '}'");
                }
                argument = format.substring(i + 1, close);
                i = close + 1;
            }
            if (argument == null && i < format.length() && (format.charAt(i) == '>' || format.charAt(i) == '<')) {
                modified = true; // Apache's "original or final request" modifier: there is only one request here
                i++;
            }
            if (i >= format.length()) {
                throw bad(format, start, format.substring(start), "is incomplete");
            }
            char letter = format.charAt(i);
            i++;
            String placeholder = format.substring(start, i);
            if (letter == '%' && argument == null && !modified) {
                text.append('%');
                continue;
            }
            Part part = placeholder(letter, argument, modified);
            if (part == null) {
                throw bad(format, start, placeholder, "is unknown");
            }
            if (!text.isEmpty()) {
                parts.add(literal(text.toString()));
                text.setLength(0);
            }
            parts.add(part);
        }
        if (!text.isEmpty()) {
            parts.add(literal(text.toString()));
        }
        return parts;
    }

    private static IllegalArgumentException bad(String format, int position, String placeholder, String why) {
        return new IllegalArgumentException("access log placeholder '" + placeholder + "' at position " + position
                + " " + why + " (format: '" + format + "')");
    }

    /** @return the part for {@code %letter} or {@code %{argument}letter}; null if there is no such placeholder */
    private static Part placeholder(char letter, String argument, boolean modified) {
        if (modified && letter != 's') {
            return null;
        }
        if (argument != null) {
            return switch (letter) {
                case 'i' -> !isToken(argument)
                        ? null : header(argument);
                case 'T' -> switch (argument) {
                    case "s" -> (out, e) -> out.append(e.duration().toSeconds());
                    case "ms" -> (out, e) -> out.append(e.duration().toMillis());
                    case "us" -> AccessLogFormat::micros;
                    default -> null;
                };
                default -> null;
            };
        }
        return switch (letter) {
            case 'h' -> AccessLogFormat::host;
            case 'l', 'u' -> literal("-");
            case 't' -> (out, e) -> TIME.formatTo(e.start(), out);
            case 'r' -> AccessLogFormat::requestLine;
            case 'm' -> (out, e) -> escape(out, e.method());
            case 'U' -> (out, e) -> escape(out, path(e.target()));
            case 'q' -> (out, e) -> escape(out, query(e.target()));
            case 'H' -> (out, e) -> escape(out, "HTTP/" + e.httpVersion());
            case 's' -> AccessLogFormat::status;
            case 'b' -> (out, e) -> {
                if (e.bodyBytes() == 0) {
                    out.append('-');
                } else {
                    out.append(e.bodyBytes());
                }
            };
            case 'B' -> (out, e) -> out.append(e.bodyBytes());
            case 'D' -> AccessLogFormat::micros;
            case 'T' -> (out, e) -> out.append(e.duration().toSeconds());
            case 'S' -> (out, e) -> escape(out, e.scopeType());
            default -> null;
        };
    }

    /** RFC 9110 section 5.6.2: a header name is a token. */
    private static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static Part literal(String text) {
        return (out, e) -> out.append(text);
    }

    private static Part header(String name) {
        return (out, e) -> {
            List<String> values = e.requestHeaders().all(name);
            if (values.isEmpty()) {
                out.append('-');
            } else {
                escape(out, String.join(", ", values));
            }
        };
    }

    private static void host(StringBuilder out, AccessLogEntry e) {
        Optional<Endpoint> client = e.client();
        if (client.isEmpty()) {
            out.append('-');
        } else {
            escape(out, client.get().host());
        }
    }

    private static void requestLine(StringBuilder out, AccessLogEntry e) {
        escape(out, e.method());
        out.append(' ');
        escape(out, e.target());
        out.append(' ');
        escape(out, "HTTP/" + e.httpVersion());
    }

    private static void status(StringBuilder out, AccessLogEntry e) {
        if (e.status() == 0) {
            out.append('-');
        } else {
            out.append(e.status());
        }
    }

    private static void micros(StringBuilder out, AccessLogEntry e) {
        out.append(e.duration().toNanos() / 1_000);
    }

    /** {@code 1.3ms}: written by hand so that no locale turns the point into a comma. */
    private static void millisWithOneDecimal(StringBuilder out, AccessLogEntry e) {
        long tenths = (e.duration().toNanos() + 50_000) / 100_000;
        out.append(tenths / 10).append('.').append(tenths % 10).append("ms");
    }

    static String path(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    static String query(String target) {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q);
    }
}
