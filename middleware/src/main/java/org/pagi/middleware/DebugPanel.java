package org.pagi.middleware;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.http.QueryParams;

/**
 * Renders {@link Debug}'s panel: one HTML fragment for one response. Every value that comes from the request, the
 * scope or the response is escaped, and the fragment is pure ASCII (anything else becomes a character reference),
 * so it reads the same inside a page in any ASCII-compatible charset. No script: the panel folds with
 * {@code <details>}.
 */
final class DebugPanel {

    /** What is shown in place of a masked header's value. */
    static final String MASKED = "[masked]";

    /** How much of a scope attribute's text is shown; a session or parsed body can be large. */
    private static final int MAX_ATTRIBUTE_CHARS = 200;

    /**
     * What the panel reports about the response.
     *
     * @param status       the response status
     * @param headers      the response headers as the application sent them
     * @param size         the body's length in bytes (for HEAD, the length the application declared)
     * @param toStartNanos from the call to the response start
     * @param totalNanos   from the call to the last body event
     */
    record Facts(int status, Headers headers, long size, long toStartNanos, long totalNanos) {
    }

    private static final String STYLE = "<style>#pagi-debug-panel{position:fixed;bottom:0;right:0;width:460px;"
            + "max-height:60vh;overflow:auto;z-index:99999;background:#1a1a2e;color:#eee;font:12px monospace;"
            + "border:1px solid #333;border-radius:8px 0 0 0}#pagi-debug-panel summary{background:#16213e;"
            + "padding:6px 10px;cursor:pointer;font-weight:bold}#pagi-debug-panel h4{color:#3282b8;margin:10px 8px 4px}"
            + "#pagi-debug-panel table{width:100%;border-collapse:collapse}#pagi-debug-panel th,#pagi-debug-panel td"
            + "{text-align:left;vertical-align:top;padding:2px 8px;border-bottom:1px solid #333;word-break:break-all}"
            + "</style>\n";

    private DebugPanel() {
    }

    /** @return the panel for {@code scope} and {@code facts} as ASCII bytes */
    static Bytes render(Debug.Config config, HttpScope scope, Facts facts) {
        StringBuilder out = new StringBuilder(4096).append("\n<!-- pagi debug panel -->\n").append(STYLE)
                .append("<div id=\"pagi-debug-panel\"><details open><summary>PAGI Debug Panel</summary>\n");
        section(out, "Response");
        row(out, "Status", Integer.toString(facts.status()));
        row(out, "Size", facts.size() + " bytes");
        end(out);
        if (config.showTiming()) {
            section(out, "Timing");
            row(out, "To response start", millis(facts.toStartNanos()));
            row(out, "Total", millis(facts.totalNanos()));
            end(out);
        }
        if (config.showScope()) {
            request(out, scope);
            scopeKeys(out, scope);
        }
        if (config.showHeaders()) {
            headers(out, "Request headers", scope.headers(), config.maskedHeaders());
            headers(out, "Response headers", facts.headers(), config.maskedHeaders());
        }
        return Bytes.ascii(out.append("</details></div>\n").toString());
    }

    private static void request(StringBuilder out, HttpScope scope) {
        section(out, "Request");
        row(out, "Method", scope.method());
        row(out, "Path", scope.path());
        row(out, "Root path", scope.rootPath());
        row(out, "Query", scope.queryString().latin1());
        row(out, "HTTP version", scope.httpVersion());
        row(out, "Scheme", scope.scheme());
        row(out, "Client", scope.client().map(Object::toString).orElse("(unknown)"));
        row(out, "Server", scope.server().map(Object::toString).orElse("(unknown)"));
        end(out);
        QueryParams params;
        try {
            params = QueryParams.parse(scope.queryString());
        } catch (RuntimeException tooMany) {
            return;   // the raw query above is still shown
        }
        if (!params.isEmpty()) {
            section(out, "Query parameters");
            params.pairs().forEach(p -> row(out, p.getKey(), p.getValue()));
            end(out);
        }
    }

    private static void scopeKeys(StringBuilder out, HttpScope scope) {
        section(out, "Scope attributes");
        for (Map.Entry<String, Object> e : new TreeMap<>(scope.attributes()).entrySet()) {
            row(out, e.getKey(), summary(e.getValue()));
        }
        row(out, "(lifespan state keys)", String.join(", ", new java.util.TreeSet<>(scope.state().keys())));
        end(out);
    }

    private static void headers(StringBuilder out, String title, Headers headers, Set<String> masked) {
        section(out, title);
        for (Header h : headers) {
            row(out, h.name(), masked.contains(h.name()) ? MASKED : h.text());
        }
        end(out);
    }

    private static String summary(Object value) {
        String shown;
        try {
            shown = String.valueOf(value);
        } catch (RuntimeException e) {
            shown = "(toString failed: " + e.getClass().getSimpleName() + ")";
        }
        String type = value == null ? "null" : value.getClass().getSimpleName();
        return type + ": " + (shown.length() > MAX_ATTRIBUTE_CHARS ? shown.substring(0, MAX_ATTRIBUTE_CHARS) + "..." : shown);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static void section(StringBuilder out, String title) {
        out.append("<h4>").append(text(title)).append("</h4><table>\n");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(text(name)).append("</th><td>").append(text(value)).append("</td></tr>\n");
    }

    private static void end(StringBuilder out) {
        out.append("</table>\n");
    }

    /**
     * @return {@code value} escaped for HTML text and attributes, as ASCII: markup characters as entities, other
     *         non-ASCII as numeric references, control characters as visible {@code \xNN}
     */
    static String text(String value) {
        String escaped = ErrorHandler.escape(value);
        StringBuilder out = new StringBuilder(escaped.length());
        escaped.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", cp));
            } else if (cp > 0x7e) {
                out.append("&#").append(cp).append(';');
            } else {
                out.append((char) cp);
            }
        });
        return out.toString();
    }
}
