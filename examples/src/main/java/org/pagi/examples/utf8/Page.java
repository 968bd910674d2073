package org.pagi.examples.utf8;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;

/** The example's one page: upstream's HTML, with the echoed text escaped. */
final class Page {
    private Page() {
    }

    static String render(Optional<App.Echo> echo) {
        String links = App.SAMPLES.stream()
                .map(s -> "<a href=\"/echo/" + pathEncode(s) + "\">" + s + "</a>")
                .collect(Collectors.joining(" | "));
        return """
                <!DOCTYPE html>
                <html><head><meta charset="UTF-8"><title>PAGI UTF-8</title></head>
                <body>
                <h1>PAGI UTF-8 Round-Trip Test</h1>
                <p>Samples: λ (Greek) | 🔥 (Emoji) | 中文 (CJK) | ♥ (Symbol) | café (Accented)</p>
                %s
                <h2>1. Path Test</h2>
                <p>Click: %s</p>
                <p><small>Tests scope.path() (decoded) vs scope.rawPath() (bytes)</small></p>

                <h2>2. Query String Test</h2>
                <form method="GET" action="/">
                  <input name="text" value="λ 🔥 中文" style="font-size: 1.2em;" />
                  <button type="submit">GET</button>
                </form>
                <p><small>Tests scope.queryString() (percent-encoded bytes)</small></p>

                <h2>3. POST Body Test</h2>
                <form method="POST" action="/">
                  <textarea name="text" rows="3" cols="40" style="font-size: 1.2em;">λ 🔥 中文 ♥ café</textarea><br>
                  <button type="submit" style="margin-top: 0.5em;">POST</button>
                </form>
                <p><small>Tests the request body (application/x-www-form-urlencoded)</small></p>

                </body></html>
                """.formatted(echo.map(Page::echoSection).orElse(""), links);
    }

    private static String echoSection(App.Echo echo) {
        return """
                <div id="echo" style="background: #e8f5e9; padding: 1em; margin: 1em 0; border-radius: 4px;">
                  <h2>Echo (from %s):</h2>
                  <pre style="font-size: 1.5em;">%s</pre>
                  <p>Characters: %d | UTF-8 bytes: %d</p>
                  <p>Codepoints: %s</p>
                </div>
                """.formatted(echo.source(), escape(echo.text()), echo.text().codePointCount(0, echo.text().length()),
                App.utf8Length(echo.text()), echo.codePoints());
    }

    /** Percent-encodes every byte but RFC 3986's unreserved characters, as upstream's {@code _uri_encode}. */
    static String pathEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
