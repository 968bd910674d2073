package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pagi.spec.Headers;

class AcceptTest {

    @Test
    void keepsRangesInOrderWithTheirWeights() {
        Accept a = Accept.parse("text/html, application/json;q=0.9, */*;q=0.1");
        assertEquals(List.of(new MediaRange(MediaType.parse("text/html"), 1000),
                new MediaRange(MediaType.parse("application/json"), 900),
                new MediaRange(MediaType.parse("*/*"), 100)), a.ranges());
        assertTrue(a.isPresent());
    }

    @Test
    void theMostSpecificMatchingRangeGivesTheWeight() {
        Accept a = Accept.parse("*/*;q=0.1, text/*;q=0.5, text/html;q=0.8, text/html;level=1");
        assertEquals(1000, a.quality(MediaType.parse("text/html;level=1")));
        assertEquals(800, a.quality(MediaType.parse("text/html")));
        assertEquals(500, a.quality(MediaType.parse("text/plain")));
        assertEquals(100, a.quality(MediaType.parse("image/png")));
    }

    @Test
    void qZeroMeansNotAcceptableEvenUnderAWildcard() {
        Accept a = Accept.parse("text/html;q=0, */*");
        assertFalse(a.accepts("text/html"));
        assertTrue(a.accepts("application/json"));
        assertEquals(Optional.of("application/json"), a.preferred(List.of("text/html", "application/json")));
        assertEquals(Optional.empty(), a.preferred(List.of("text/html")));
        assertFalse(Accept.parse("text/html").accepts("application/json"));
    }

    @Test
    void preferredChoosesByWeightThenSpecificityThenTheCandidatesOrder() {
        assertEquals(Optional.of("text/html"),
                Accept.parse("application/json;q=0.5, text/html").preferred(List.of("application/json", "text/html")));
        assertEquals(Optional.of("text/html"),
                Accept.parse("text/*, text/html").preferred(List.of("text/plain", "text/html")));
        assertEquals(Optional.of("application/json"),
                Accept.parse("*/*").preferred(List.of("application/json", "text/html")));
        assertEquals(Optional.of("text/html"),
                Accept.parse("*/*").preferred(List.of("text/html", "application/json")));
    }

    @Test
    void noHeaderAnEmptyOneOrAnUnusableOneAcceptsEverything() {
        for (Accept a : List.of(Accept.parse(Headers.empty()), Accept.parse(""), Accept.parse(" , ,"), Accept.parse("garbage"))) {
            assertFalse(a.isPresent());
            assertTrue(a.accepts("image/webp"));
            assertEquals(Optional.of("a/b"), a.preferred(List.of("a/b", "c/d")));
        }
    }

    @Test
    void severalAcceptFieldsAreOneList() {
        Accept a = Accept.parse(Headers.of("accept", "text/html;q=0.1", "Accept", "application/json"));
        assertEquals(Optional.of("application/json"), a.preferred(List.of("text/html", "application/json")));
    }

    @ParameterizedTest
    @CsvSource({
            "text/html;q=1, 1000",
            "text/html;q=0.123, 123",
            "text/html;Q=.5, 500",
            "text/html;q=0.1235, 124",
            "text/html;q=2, 1000",
            "text/html;q=-1, 0",
            "text/html;q=1.;level=2, 1000",
    })
    void readsWeightsClampingAndRoundingOddOnes(String header, int quality) {
        assertEquals(quality, Accept.parse(header).quality(MediaType.parse("text/html")));
    }

    @Test
    void anElementWhoseWeightIsNotANumberIsSkipped() {
        Accept a = Accept.parse("text/html;q=high, application/json");
        assertEquals(List.of(new MediaRange(MediaType.parse("application/json"), 1000)), a.ranges());
        assertFalse(a.accepts("text/html"));
    }

    @Test
    void parametersAfterTheWeightAreExtensionsNotPartOfTheRange() {
        assertEquals(MediaType.parse("text/html;level=1"),
                Accept.parse("text/html;level=1;q=0.5;ext=x").ranges().get(0).range());
    }

    @Test
    void aBareStarIsReadAsAnyType() {
        assertEquals(200, Accept.parse("text/html, *; q=.2").quality(MediaType.parse("image/gif")));
    }

    @Test
    void quotedCommasDoNotSplitElements() {
        assertEquals(1, Accept.parse("text/html;x=\"a,b\"").ranges().size());
    }

    @Test
    void aCandidateThatIsNotAMediaTypeIsTheCallersError() {
        assertThrows(MediaTypeParseException.class, () -> Accept.parse("*/*").preferred(List.of("json")));
        assertThrows(IllegalArgumentException.class, () -> new MediaRange(MediaType.parse("a/b"), 1001));
    }
}
