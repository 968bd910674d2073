package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StateTest {

    @Nested
    class Values {
        @Test
        void storesAndReadsValues() {
            State s = new State().put("pool", "db");
            assertEquals(Optional.of("db"), s.get("pool"));
            assertEquals(Optional.of("db"), s.get("pool", String.class));
            assertEquals(Optional.empty(), s.get("missing"));
            assertEquals(Optional.empty(), s.get("missing", String.class));
        }

        @Test
        void typedGetNamesTheKeyWhenTheTypeIsWrong() {
            State s = new State().put("count", 3);
            ClassCastException e = assertThrows(ClassCastException.class, () -> s.get("count", String.class));
            assertEquals("state key 'count' holds a java.lang.Integer, not a java.lang.String", e.getMessage());
        }

        @Test
        void refusesNullKeysAndValues() {
            State s = new State();
            assertThrows(NullPointerException.class, () -> s.put(null, 1));
            assertThrows(NullPointerException.class, () -> s.put("k", null));
        }

        @Test
        void removeDropsTheKey() {
            State s = new State().put("k", 1).remove("k");
            assertTrue(s.isEmpty());
        }

        @Test
        void keysAndMapAreSnapshots() {
            State s = new State().put("a", 1);
            Set<String> keys = s.keys();
            Map<String, Object> map = s.asMap();
            s.put("b", 2);
            assertEquals(Set.of("a"), keys);
            assertEquals(Map.of("a", 1), map);
            assertThrows(UnsupportedOperationException.class, () -> map.put("c", 3));
        }
    }

    @Nested
    class ShallowCopy {
        @Test
        void aKeySetInTheCopyStaysInTheCopy() {
            State lifespan = new State().put("shared", 1);
            State copy = lifespan.copy();
            copy.put("private", 2);
            assertEquals(Set.of("shared"), lifespan.keys());
            assertEquals(Set.of("shared", "private"), copy.keys());
        }

        @Test
        void aKeySetInTheOriginalLaterDoesNotReachAnEarlierCopy() {
            State lifespan = new State();
            State copy = lifespan.copy();
            lifespan.put("late", 1);
            assertTrue(copy.isEmpty());
        }

        @Test
        void removingFromTheCopyLeavesTheOriginal() {
            State lifespan = new State().put("k", 1);
            lifespan.copy().remove("k");
            assertEquals(Set.of("k"), lifespan.keys());
        }

        @Test
        void valuesAreTheSameObjectsSoMutatingAContainerIsSeenEverywhere() {
            List<String> log = new ArrayList<>();
            State lifespan = new State().put("log", log);
            State copy = lifespan.copy();
            assertNotSame(lifespan, copy);
            assertSame(log, copy.get("log").orElseThrow());
            @SuppressWarnings("unchecked")
            List<String> fromCopy = (List<String>) copy.get("log", List.class).orElseThrow();
            fromCopy.add("entry");
            assertEquals(List.of("entry"), log);
        }
    }
}
