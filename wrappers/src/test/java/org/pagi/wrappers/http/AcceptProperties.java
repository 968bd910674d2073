package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AcceptProperties {

    @Property
    void anyHeaderParsesAndEveryWeightIsInRange(@ForAll("headerish") String header) {
        Accept a = Accept.parse(header);
        assertTrue(!a.ranges().isEmpty());
        a.ranges().forEach(r -> assertTrue(r.quality() >= 0 && r.quality() <= 1000));
    }

    @Property
    void anyStringParsesToo(@ForAll String header) {
        Accept.parse(header).accepts("text/html");
    }

    @Property
    void anyMediaTypeTextParsesOrGivesTheParsersOwnException(@ForAll("headerish") String text) {
        try {
            MediaType t = MediaType.parse(text);
            assertEquals(t, MediaType.parse(t.toString()), "a parsed type prints as text that parses back");
        } catch (MediaTypeParseException e) {
            assertTrue(e.getMessage().startsWith("invalid media type"));
        }
    }

    @Property
    void thePreferredCandidateIsAcceptableAndNoOtherOutweighsIt(@ForAll("headerish") String header,
            @ForAll("candidates") List<String> candidates) {
        Accept a = Accept.parse(header);
        Optional<String> chosen = a.preferred(candidates);
        int best = candidates.stream().mapToInt(c -> a.quality(MediaType.parse(c))).max().orElse(0);
        if (best == 0) {
            assertEquals(Optional.empty(), chosen);
        } else {
            assertTrue(a.accepts(chosen.orElseThrow()));
            assertEquals(best, a.quality(MediaType.parse(chosen.get())));
        }
    }

    @Provide
    Arbitrary<String> headerish() {
        Arbitrary<String> type = Arbitraries.of("text", "application", "image", "*", "Text", "");
        Arbitrary<String> subtype = Arbitraries.of("html", "json", "plain", "*", "");
        Arbitrary<String> q = Arbitraries.of("", ";q=0", ";q=1", ";q=0.5", ";q=.3", ";q=x", ";Q=2", ";q=", ";level=1", ";a=\"x,y\"", ";q");
        Arbitrary<String> element = net.jqwik.api.Combinators.combine(type, subtype, q).as((t, s, p) -> t + "/" + s + p);
        Arbitrary<String> mixed = Arbitraries.oneOf(element, Arbitraries.strings().withChars("*/;=q,\" .0a").ofMaxLength(8));
        return mixed.list().ofMaxSize(6).map(l -> String.join(", ", l));
    }

    @Provide
    Arbitrary<List<String>> candidates() {
        return Arbitraries.of("text/html", "application/json", "text/plain", "image/png", "text/html;level=1")
                .list().ofMaxSize(4);
    }
}
