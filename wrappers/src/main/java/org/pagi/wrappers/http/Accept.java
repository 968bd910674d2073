package org.pagi.wrappers.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pagi.spec.Headers;
import org.pagi.spec.server.Ows;

/**
 * A parsed {@code Accept} header (RFC 9110 section 12.5.1) and content negotiation over it.
 *
 * <p>A candidate's weight comes from the most specific range that includes it (exact with parameters, exact,
 * {@code type/*}, {@code *}{@code /*}), so {@code text/html;q=0, *}{@code /*} refuses HTML and accepts the rest;
 * {@code q=0} means "not acceptable". Leniency, decided here: elements that are not media ranges are skipped; a
 * {@code q} that is a number outside 0 to 1 is clamped into it (as upstream PAGI does) and one with more than three
 * decimals rounded; an element whose {@code q} is not a number is skipped; a bare {@code *} is read as
 * {@code *}{@code /*}. No header, an empty one, or one with no usable element accepts everything. Several
 * {@code Accept} fields are one list. Immutable and thread-safe.
 */
public final class Accept {
    private static final Accept ANYTHING =
            new Accept(List.of(new MediaRange(new MediaType("*", "*", Map.of()), 1000)), false);

    private final List<MediaRange> ranges;
    private final boolean present;

    private Accept(List<MediaRange> ranges, boolean present) {
        this.ranges = ranges;
        this.present = present;
    }

    /** @return the {@code Accept} fields of {@code headers}, combined */
    public static Accept parse(Headers headers) {
        return parse(String.join(",", headers.all("accept")));
    }

    /** @return the parsed header value; never fails (see the class comment for what is skipped) */
    public static Accept parse(String header) {
        List<MediaRange> out = new ArrayList<>();
        for (String element : HeaderLists.split(header, ',')) {
            String e = Ows.trim(element);
            if (!e.isEmpty()) {
                parseElement(e).ifPresent(out::add);
            }
        }
        return out.isEmpty() ? ANYTHING : new Accept(List.copyOf(out), true);
    }

    private static Optional<MediaRange> parseElement(String element) {
        MediaType parsed;
        try {
            parsed = MediaType.parse(element.equals("*") || element.startsWith("*;") || element.startsWith("* ")
                    ? "*/*" + element.substring(1) : element);
        } catch (MediaTypeParseException e) {
            return Optional.empty();
        }
        // Parameters before q belong to the range; q and the accept-ext parameters after it do not.
        Map<String, String> own = new LinkedHashMap<>();
        int quality = 1000;
        for (Map.Entry<String, String> p : parsed.parameters().entrySet()) {
            if (p.getKey().equals("q")) {
                Optional<Integer> q = quality(p.getValue());
                if (q.isEmpty()) {
                    return Optional.empty();
                }
                quality = q.get();
                break;
            }
            own.put(p.getKey(), p.getValue());
        }
        return Optional.of(new MediaRange(new MediaType(parsed.type(), parsed.subtype(), own), quality));
    }

    private static Optional<Integer> quality(String text) {
        if (text.isEmpty() || text.length() > 32 || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)")) {
            return Optional.empty();
        }
        BigDecimal q = new BigDecimal(text).max(BigDecimal.ZERO).min(BigDecimal.ONE);
        return Optional.of(q.movePointRight(3).setScale(0, RoundingMode.HALF_UP).intValue());
    }

    /** @return the ranges in the order the client sent them ({@code *}{@code /*} alone when it sent none) */
    public List<MediaRange> ranges() {
        return ranges;
    }

    /** @return whether the client sent at least one usable range */
    public boolean isPresent() {
        return present;
    }

    /** @return the weight of {@code candidate} in thousandths, 0 when no range includes it */
    public int quality(MediaType candidate) {
        MediaRange best = bestRange(candidate);
        return best == null ? 0 : best.quality();
    }

    /** @return whether {@code mediaType} (such as {@code application/json}) is acceptable, that is has q above 0 */
    public boolean accepts(String mediaType) {
        return quality(MediaType.parse(mediaType)) > 0;
    }

    /**
     * Chooses what to send: the acceptable candidate with the highest weight, then the one matched by the more
     * specific range, then the first in {@code candidates}.
     *
     * @param candidates media types the application can produce, in its order of preference
     * @return the chosen candidate, as given, or empty when none is acceptable
     * @throws MediaTypeParseException when a candidate is not a media type
     */
    public Optional<String> preferred(List<String> candidates) {
        String chosen = null;
        int chosenQ = 0;
        int chosenSpecificity = -1;
        for (String candidate : candidates) {
            MediaRange range = bestRange(MediaType.parse(candidate));
            if (range == null || range.quality() == 0) {
                continue;
            }
            if (range.quality() > chosenQ || range.quality() == chosenQ && range.specificity() > chosenSpecificity) {
                chosen = candidate;
                chosenQ = range.quality();
                chosenSpecificity = range.specificity();
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** The most specific range including {@code candidate}; among equals, the first sent. */
    private MediaRange bestRange(MediaType candidate) {
        MediaRange best = null;
        for (MediaRange r : ranges) {
            if (r.range().includes(candidate) && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "Accept" + ranges;
    }
}
