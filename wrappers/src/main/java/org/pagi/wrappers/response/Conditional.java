package org.pagi.wrappers.response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.http.HttpDate;
import org.pagi.wrappers.http.IfRange;
import org.pagi.wrappers.http.RangeResult;

/**
 * What to answer a request for a representation whose length and validators are known (RFC 9110 sections 13 and
 * 14): 304, or a body that is whole, ranged or unsatisfiable. {@link FileResponse} and {@link RangedResponse} share
 * it.
 *
 * <p>Rules, in the order of section 13.2.2: for GET and HEAD, {@code If-None-Match} (weak comparison, {@code *}
 * and lists) that matches gives 304; when it is absent, an {@code If-Modified-Since} date that is not before
 * {@code Last-Modified} (to the second) gives 304; an unparsable date is ignored. Then, for GET only (the one
 * method section 14.2 defines ranges for), {@code Range} is read through {@link IfRange}; HEAD and other methods
 * get the whole representation. Methods other than GET and HEAD ignore the conditionals above.
 */
public final class Conditional {

    private Conditional() {
    }

    /** The answer to send. */
    public sealed interface Outcome {
    }

    /** 304 Not Modified: the validators and no body. */
    public record NotModified() implements Outcome {
    }

    /**
     * The representation, whole or ranged.
     *
     * @param range whole (200), partial (206) or unsatisfiable (416)
     */
    public record Body(RangeResult range) implements Outcome {
        /** Checks for null. */
        public Body {
            Objects.requireNonNull(range, "range");
        }
    }

    /**
     * @param scope        the request
     * @param length       the representation's length in bytes
     * @param etag         its entity-tag as sent in {@code ETag} ({@code "x"} or {@code W/"x"}), if it has one
     * @param lastModified its modification time, if known
     * @return what to send
     */
    public static Outcome evaluate(RequestScope scope, long length, Optional<String> etag,
            Optional<Instant> lastModified) {
        String method = scope.method();
        Headers headers = scope.request().headers();
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");
        if (getOrHead && notModified(headers, etag, lastModified)) {
            return new NotModified();
        }
        if (!method.equals("GET")) {
            return new Body(new RangeResult.Full());
        }
        return new Body(IfRange.evaluate(headers.first("range"), headers.first("if-range"), length, etag,
                lastModified));
    }

    private static boolean notModified(Headers headers, Optional<String> etag, Optional<Instant> lastModified) {
        List<String> ifNoneMatch = headers.all("if-none-match");
        if (!ifNoneMatch.isEmpty()) {
            return ifNoneMatch.stream().anyMatch(v -> noneMatchFails(v, etag));
        }
        Optional<Instant> since = headers.first("if-modified-since").flatMap(HttpDate::parse);
        return since.isPresent() && lastModified.isPresent()
                && lastModified.get().getEpochSecond() <= since.get().getEpochSecond();
    }

    /**
     * Whether an {@code If-None-Match} value matches {@code etag} by weak comparison (section 8.8.3.2): {@code *}
     * matches any current representation, a list matches when one member's opaque tag equals {@code etag}'s,
     * whether either is weak.
     *
     * @param ifNoneMatch the field value
     * @param etag        the representation's entity-tag, if it has one
     * @return whether the condition is false, so a GET or HEAD gets 304
     */
    public static boolean noneMatchFails(String ifNoneMatch, Optional<String> etag) {
        String value = ifNoneMatch.strip();
        if (value.equals("*")) {
            return true;
        }
        if (etag.isEmpty()) {
            return false;
        }
        String mine = opaque(etag.get().strip());
        return tags(value).stream().anyMatch(t -> opaque(t).equals(mine));
    }

    /** The quoted entity-tags of a list, each as written ({@code W/} kept); malformed members are skipped. */
    static List<String> tags(String list) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (list.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= list.length() || list.charAt(i) != '"') {
                i = skipToComma(list, i);
                continue;
            }
            int close = list.indexOf('"', i + 1);   // etagc excludes DQUOTE, so the next one ends the tag
            if (close < 0) {
                break;
            }
            out.add(list.substring(start, close + 1));
            i = close + 1;
        }
        return out;
    }

    private static int skipToComma(String list, int from) {
        int comma = list.indexOf(',', from);
        return comma < 0 ? list.length() : comma + 1;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
