package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Rewrites request paths before routing, with upstream's rules: the first rule that matches decides. A regex rule
 * replaces the whole path with its target, {@code $1}..{@code $9} standing for the groups; a literal rule matches
 * its path exactly or as a prefix ending on a segment boundary and keeps the rest ({@code /legacy} to
 * {@code /modern} turns {@code /legacy/a} into {@code /modern/a}); a function rule returns the new path or its
 * argument. The query string is kept. The rewritten scope carries the new {@code path} and a {@code raw_path} that
 * is its percent-encoding, so the two never disagree, and the attribute {@value #ORIGINAL_PATH}.
 *
 * <p>In redirect mode the client is sent to the new path instead ({@code 301} by default, as upstream, or 302,
 * 307, 308) with the query string kept. Acts on http; every other scope passes through untouched. Immutable and
 * thread-safe.
 */
public final class Rewrite implements Middleware {

    /** The scope attribute holding the path before the first rewrite. */
    public static final String ORIGINAL_PATH = "original_path";

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 307, 308);
    private static final Pattern GROUP = Pattern.compile("\\$(\\d)");

    /** One rewrite rule. */
    public sealed interface Rule {
        /**
         * @param path the request path
         * @return the new path, or empty when the rule does not match
         */
        Optional<String> apply(String path);
    }

    /** Replaces a path the pattern finds a match in with {@code target}, groups substituted. */
    record RegexRule(Pattern from, String target) implements Rule {
        @Override
        public Optional<String> apply(String path) {
            Matcher m = from.matcher(path);
            if (!m.find()) {
                return Optional.empty();
            }
            Matcher g = GROUP.matcher(target);
            StringBuilder out = new StringBuilder();
            while (g.find()) {
                int n = Integer.parseInt(g.group(1));
                String value = n <= m.groupCount() && m.group(n) != null ? m.group(n) : "";
                g.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            g.appendTail(out);
            return Optional.of(out.toString());
        }
    }

    /** Moves a literal path, or anything under it, to {@code target}. */
    record PrefixRule(String from, String target) implements Rule {
        @Override
        public Optional<String> apply(String path) {
            if (path.equals(from)) {
                return Optional.of(target);
            }
            return path.startsWith(from) && path.charAt(from.length()) == '/'
                    ? Optional.of(target + path.substring(from.length())) : Optional.empty();
        }
    }

    /** Asks a function; an unchanged path means no match. */
    record FunctionRule(UnaryOperator<String> function) implements Rule {
        @Override
        public Optional<String> apply(String path) {
            String out = function.apply(path);
            return out == null || out.equals(path) ? Optional.empty() : Optional.of(out);
        }
    }

    /**
     * @param rules          tried in order, the first match wins; at least one
     * @param redirectStatus 0 to rewrite in place (the default), or 301, 302, 307, 308 to redirect
     */
    public record Config(List<Rule> rules, int redirectStatus) {
        /** Refuses an empty rule list and a status that is not a redirect. */
        public Config {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("rules: at least one rewrite rule is required");
            }
            if (redirectStatus != 0 && !REDIRECTS.contains(redirectStatus)) {
                throw new IllegalArgumentException("redirectStatus must be one of " + REDIRECTS + ", got " + redirectStatus);
            }
        }
    }

    /** Builds a {@link Config}. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private int redirectStatus;

        private Builder() {
        }

        /**
         * @param from   a regular expression searched in the path
         * @param target the new path; {@code $1}..{@code $9} are the groups
         * @return this builder
         */
        public Builder regex(String from, String target) {
            rules.add(new RegexRule(Pattern.compile(from), checkPath("target", target)));
            return this;
        }

        /**
         * @param from   a path starting with {@code /} and not ending with one, matched exactly or as a segment prefix
         * @param target what replaces it
         * @return this builder
         */
        public Builder prefix(String from, String target) {
            if (from != null && from.length() > 1 && from.endsWith("/")) {
                throw new IllegalArgumentException("from must not end with '/' (it matches on segment boundaries), got "
                        + from);
            }
            rules.add(new PrefixRule(checkPath("from", from), checkPath("target", target)));
            return this;
        }

        /** @param function returns the new path, or its argument to leave it @return this builder */
        public Builder function(UnaryOperator<String> function) {
            rules.add(new FunctionRule(Objects.requireNonNull(function, "function")));
            return this;
        }

        /** @param status 301, 302, 307 or 308: redirect instead of rewriting @return this builder */
        public Builder redirect(int status) {
            this.redirectStatus = status;
            return this;
        }

        /** @return the middleware @throws IllegalArgumentException naming the option that is wrong */
        public Rewrite build() {
            return new Rewrite(new Config(rules, redirectStatus));
        }

        private static String checkPath(String option, String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException(option + " must be a path starting with '/', got " + path);
            }
            return path;
        }
    }

    private final Config config;

    private Rewrite(Config config) {
        this.config = config;
    }

    /** @return a builder with no rules */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            Optional<String> rewritten = rewrite(http.path());
            if (rewritten.isEmpty()) {
                return next.call(scope, receive, send);
            }
            String path = rewritten.get();
            if (config.redirectStatus() != 0) {
                String query = http.queryString().latin1();
                String location = encode(http.rootPath() + path) + (query.isEmpty() ? "" : "?" + query);
                Bytes body = Bytes.utf8("Redirecting to " + location);
                return send.send(new HttpResponseStart(config.redirectStatus(), Headers.of("content-type",
                                "text/plain; charset=utf-8", "content-length", Integer.toString(body.length()),
                                "location", location)))
                        .thenCompose(v -> send.send(HttpResponseBody.last(body)));
            }
            HttpScope moved = http.withRequest(new RequestInfo(http.httpVersion(), http.method(), http.scheme(), path,
                            Bytes.ascii(encode(path)), http.queryString(), http.rootPath(), http.headers(),
                            http.client(), http.server()));
            if (http.attribute(ORIGINAL_PATH).isEmpty()) {
                moved = moved.withAttribute(ORIGINAL_PATH, http.path());
            }
            return next.call(moved, receive, send);
        };
    }

    private Optional<String> rewrite(String path) {
        for (Rule rule : config.rules()) {
            Optional<String> out = rule.apply(path);
            if (out.isPresent()) {
                return out;
            }
        }
        return Optional.empty();
    }

    /** Percent-encodes a decoded path as UTF-8, leaving RFC 3986 pchar characters and {@code /} as they are. */
    static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
