package org.pagi.examples.utf8;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

/**
 * A UTF-8 round trip through every way text reaches an application, as upstream's {@code 12-utf8}: a page with
 * links to {@code /echo/<text>}, a GET form ({@code ?text=}) and a POST form (a url-encoded body). Whatever text
 * came is echoed back with where it came from, its length in code points and in UTF-8 bytes, and its code points.
 *
 * <ul>
 *   <li>the path: the scope's {@code path} is already percent-decoded and UTF-8 decoded by the server, while
 *       {@code raw_path} keeps the bytes from the wire;</li>
 *   <li>the query string and the body arrive as bytes: {@link QueryParams} percent-decodes them and decodes
 *       UTF-8;</li>
 *   <li>the answer: {@link Response#html(String)} encodes the page as UTF-8 and its {@code content-length} counts
 *       bytes, not characters.</li>
 * </ul>
 *
 * <p>The echoed text is HTML-escaped (upstream's page writes it raw). Only {@code http} scopes are served;
 * anything else fails with {@link UnsupportedScopeException}, as upstream dies. Composes stages, never blocks;
 * stateless and thread-safe.
 */
public final class App implements Application {
    /** The samples the page links to, as upstream. */
    static final List<String> SAMPLES = List.of("λ", "🔥", "中文", "♥", "café");

    private static final String ECHO_PREFIX = "/echo/";

    /** Where the echoed text came from, and the text. */
    record Echo(String source, String text) {
        /** @return the text's code points as {@code U+03BB U+1F525 ...} */
        String codePoints() {
            return text.codePoints().mapToObj(c -> String.format("U+%04X", c)).collect(Collectors.joining(" "));
        }
    }

    /** Creates the application; it holds no state. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        Request request = Request.of(scope, receive);
        // the body is read whatever the method, as upstream, so a POST without a form is answered too
        return request.body()
                .thenApply(body -> echo(request, QueryParams.parse(body)))
                .thenCompose(echo -> Response.html(Page.render(echo)).respond(scope, send));
    }

    /** The text to echo: the path first, then the query string, then the body, as upstream checks them. */
    static Optional<Echo> echo(Request request, QueryParams body) {
        String path = request.path();
        if (path.startsWith(ECHO_PREFIX) && path.length() > ECHO_PREFIX.length()) {
            return Optional.of(new Echo("path", path.substring(ECHO_PREFIX.length())));
        }
        Optional<String> query = request.queryParam("text").filter(t -> !t.isEmpty());
        if (query.isPresent()) {
            return Optional.of(new Echo("query string", query.get()));
        }
        return body.get("text").filter(t -> !t.isEmpty()).map(t -> new Echo("POST body", t));
    }

    /** @return how many bytes {@code text} takes in UTF-8 */
    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
