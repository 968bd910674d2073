package org.pagi.wrappers.apps;

/**
 * A {@link Channel#subscribePattern} glob, compiled once: {@code *} matches any run of characters (none
 * included), {@code ?} exactly one, and every other character itself ({@code [} and {@code \} included). A
 * character is a code point, so {@code ?} matches one emoji as it matches one letter.
 *
 * <p>Matching is the greedy two-cursor walk with one backtrack point (the last {@code *} seen): linear for most
 * patterns and at most length(pattern) x length(topic) steps, with no recursion and no regex, so a pattern taken
 * from a client cannot blow up the stack or the time.
 */
final class TopicGlob {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private final String pattern;
    /** Code points, with {@code *} and {@code ?} replaced by the two markers above. */
    private final int[] tokens;

    private TopicGlob(String pattern, int[] tokens) {
        this.pattern = pattern;
        this.tokens = tokens;
    }

    /**
     * @return the compiled glob
     * @throws IllegalArgumentException when {@link ChannelMessage#checkTopic} refuses the pattern
     */
    static TopicGlob compile(String pattern) {
        ChannelMessage.checkTopic(pattern);
        int[] tokens = pattern.codePoints()
                .map(c -> c == '*' ? ANY_RUN : c == '?' ? ANY_ONE : c)
                .toArray();
        return new TopicGlob(pattern, tokens);
    }

    /** @return the glob as written */
    String pattern() {
        return pattern;
    }

    /** @return whether {@code topic} as a whole matches */
    boolean matches(String topic) {
        int[] text = topic.codePoints().toArray();
        int t = 0;
        int p = 0;
        int starP = -1; // the token after the last '*', and the text position it was tried from
        int starT = 0;
        while (t < text.length) {
            if (p < tokens.length && (tokens[p] == ANY_ONE || tokens[p] == text[t])) {
                p++;
                t++;
            } else if (p < tokens.length && tokens[p] == ANY_RUN) {
                starP = ++p;
                starT = t;
            } else if (starP >= 0) { // let the last '*' take one more character and retry from there
                p = starP;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == ANY_RUN) {
            p++;
        }
        return p == tokens.length;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
