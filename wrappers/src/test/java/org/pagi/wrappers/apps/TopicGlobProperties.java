package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The channel glob against a regex oracle: {@code *} is {@code .*}, {@code ?} is {@code .}, the rest quoted. */
class TopicGlobProperties {

    /** Characters that make globs interesting: the wildcards, regex and Redis specials, a surrogate pair. */
    private static Arbitrary<String> from(int maxSize, String... extra) {
        Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.of("a", "b", ":", ".", "[", "]", "\\", "^", "$",
                "😀", "é"), Arbitraries.of(extra));
        return pieces.list().ofMinSize(1).ofMaxSize(maxSize).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> patterns() {
        return from(8, "*", "?", "*", "?");
    }

    @Provide
    Arbitrary<String> topics() {
        return from(10, "a", "b", "*", "?");
    }

    private static boolean oracle(String glob, String topic) {
        StringBuilder regex = new StringBuilder("(?s)");
        glob.codePoints().forEach(c -> regex.append(c == '*' ? ".*" : c == '?' ? "."
                : Pattern.quote(Character.toString(c))));
        return Pattern.compile(regex.toString()).matcher(topic).matches();
    }

    @Property(tries = 3000)
    void aGlobMatchesExactlyWhatItsRegexMatches(@ForAll("patterns") String glob, @ForAll("topics") String topic) {
        assertEquals(oracle(glob, topic), TopicGlob.compile(glob).matches(topic), glob + " vs " + topic);
    }

    @Property(tries = 500)
    void aTopicBuiltFromAGlobByFillingItsWildcardsMatchesIt(@ForAll("patterns") String glob,
            @ForAll("topics") String filler) {
        String topic = glob.replace("*", filler).replace("?", filler.substring(0, filler.offsetByCodePoints(0, 1)));
        assertTrue(TopicGlob.compile(glob).matches(topic), glob + " vs " + topic);
    }

    @Example
    void theWildcardsAndTheLiteralsBehaveAsDocumented() {
        assertTrue(TopicGlob.compile("chat:*").matches("chat:"), "* takes none");
        assertTrue(TopicGlob.compile("chat:*").matches("chat:lobby:x"));
        assertFalse(TopicGlob.compile("chat:*").matches("chats:lobby"));
        assertTrue(TopicGlob.compile("room-?").matches("room-😀"), "? takes one code point");
        assertFalse(TopicGlob.compile("room-?").matches("room-12"));
        assertTrue(TopicGlob.compile("a[b]\\c").matches("a[b]\\c"), "[ ] and \\ stand for themselves");
        assertFalse(TopicGlob.compile("a[b]").matches("ab"));
        assertTrue(TopicGlob.compile("*a*a*a*a*a*b").matches("a".repeat(200) + "b"));
        assertFalse(TopicGlob.compile("*a*a*a*a*a*b").matches("a".repeat(250)), "no blow-up without a match");
        assertThrows(IllegalArgumentException.class, () -> TopicGlob.compile(""));
        assertThrows(IllegalArgumentException.class, () -> TopicGlob.compile("a\nb"));
    }
}
