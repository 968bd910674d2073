package org.pagi.wrappers.http;

/**
 * One element of an {@code Accept} header: a media range and its weight.
 *
 * @param range   the media range, such as {@code text/*} or {@code application/json}, with its parameters but
 *                without {@code q}
 * @param quality the weight in thousandths, 0 (not acceptable) to 1000
 */
public record MediaRange(MediaType range, int quality) {

    /** Checks the weight. */
    public MediaRange {
        if (quality < 0 || quality > 1000) {
            throw new IllegalArgumentException("quality must be 0 to 1000 thousandths, got " + quality);
        }
    }

    /** @return how specific the range is: 0 for {@code *}{@code /*}, 1 for {@code type/*}, 2 exact, 3 exact with parameters */
    public int specificity() {
        if (range.type().equals("*")) {
            return 0;
        }
        if (range.isWildcard()) {
            return 1;
        }
        return range.parameters().isEmpty() ? 2 : 3;
    }
}
