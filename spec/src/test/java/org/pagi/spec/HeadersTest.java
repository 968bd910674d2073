package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private static final Headers SAMPLE = Headers.of(
            "Set-Cookie", "a=1",
            "Content-Type", "text/plain",
            "set-cookie", "b=2");

    private static List<String> names(Headers h) {
        return h.stream().map(Header::name).toList();
    }

    @Nested
    class Construction {
        @Test
        void keepsOrderAndRepeatedNames() {
            assertEquals(List.of("set-cookie", "content-type", "set-cookie"), names(SAMPLE));
            assertEquals(3, SAMPLE.size());
        }

        @Test
        void rejectsAnOddNumberOfStrings() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Headers.of("a", "1", "b"));
            assertEquals("Headers.of takes name/value pairs, got an odd count: 3", e.getMessage());
        }

        @Test
        void rejectsAnInvalidValueAmongThePairs() {
            assertThrows(IllegalArgumentException.class, () -> Headers.of("a", "1", "b", "x\r\ny"));
        }

        @Test
        void copiesTheListItIsGiven() {
            List<Header> source = new ArrayList<>(List.of(Header.of("a", "1")));
            Headers h = Headers.of(source);
            source.add(Header.of("b", "2"));
            assertEquals(1, h.size());
        }

        @Test
        void exposesAnUnmodifiableList() {
            assertThrows(UnsupportedOperationException.class, () -> SAMPLE.list().add(Header.of("x", "y")));
        }

        @Test
        void builderCollectsInOrder() {
            Headers h = Headers.builder()
                    .add("A", "1")
                    .add("b", Bytes.ascii("2"))
                    .add(Header.of("c", "3"))
                    .addAll(Headers.of("d", "4", "e", "5"))
                    .build();
            assertEquals(List.of("a", "b", "c", "d", "e"), names(h));
        }

        @Test
        void emptyInputGivesTheEmptyInstance() {
            assertSame(Headers.empty(), Headers.of());
            assertSame(Headers.empty(), Headers.of(List.of()));
            assertTrue(Headers.empty().isEmpty());
        }
    }

    @Nested
    class LookUp {
        @Test
        void firstReturnsTheFirstValueOfARepeatedName() {
            assertEquals(Optional.of("a=1"), SAMPLE.first("set-cookie"));
            assertEquals(Optional.of(Bytes.ascii("a=1")), SAMPLE.firstBytes("set-cookie"));
        }

        @Test
        void allReturnsEveryValueInOrder() {
            assertEquals(List.of("a=1", "b=2"), SAMPLE.all("set-cookie"));
        }

        @Test
        void lookUpIgnoresTheCaseOfTheName() {
            assertEquals(Optional.of("text/plain"), SAMPLE.first("CONTENT-TYPE"));
            assertEquals(List.of("a=1", "b=2"), SAMPLE.all("Set-Cookie"));
            assertTrue(SAMPLE.contains("Content-type"));
        }

        @Test
        void missingNamesGiveEmptyResults() {
            assertEquals(Optional.empty(), SAMPLE.first("x-missing"));
            assertEquals(Optional.empty(), SAMPLE.firstBytes("x-missing"));
            assertEquals(List.of(), SAMPLE.all("x-missing"));
            assertFalse(SAMPLE.contains("x-missing"));
        }

        @Test
        void valuesComeBackByteForByte() {
            Headers h = Headers.builder().add("x", Bytes.of(new byte[] {(byte) 0xE9})).build();
            assertEquals(Optional.of("\u00e9"), h.first("x"));
        }
    }

    @Nested
    class Changes {
        @Test
        void withAppendsAndLeavesTheOriginalAlone() {
            Headers more = SAMPLE.with("X-New", "1");
            assertEquals(List.of("set-cookie", "content-type", "set-cookie", "x-new"), names(more));
            assertEquals(3, SAMPLE.size());
        }

        @Test
        void replaceRemovesEveryFieldOfTheNameAndAppendsOne() {
            Headers h = SAMPLE.replace("SET-COOKIE", "c=3");
            assertEquals(Headers.of("content-type", "text/plain", "set-cookie", "c=3"), h);
        }

        @Test
        void withoutRemovesEveryFieldOfTheNameInAnyCase() {
            assertEquals(Headers.of("content-type", "text/plain"), SAMPLE.without("Set-Cookie"));
        }

        @Test
        void withoutAMissingNameChangesNothing() {
            assertEquals(SAMPLE, SAMPLE.without("x-missing"));
        }

        @Test
        void withoutTheOnlyNameGivesEmpty() {
            assertSame(Headers.empty(), Headers.of("a", "1").without("a"));
        }
    }

    @Nested
    class Equality {
        @Test
        void equalFieldsInTheSameOrderAreEqual() {
            Headers a = Headers.of("a", "1", "b", "2");
            Headers b = Headers.of("A", "1", "B", "2");
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
        }

        @Test
        void orderMatters() {
            assertNotEquals(Headers.of("a", "1", "b", "2"), Headers.of("b", "2", "a", "1"));
        }

        @Test
        void iteratesInOrder() {
            List<String> seen = new ArrayList<>();
            for (Header h : SAMPLE) {
                seen.add(h.text());
            }
            assertEquals(List.of("a=1", "text/plain", "b=2"), seen);
        }
    }
}
