package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExtensionsTest {

    private static final TlsInfo TLS = new TlsInfo(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
            OptionalInt.of(0x0304), OptionalInt.of(0x1301));

    @Nested
    class Names {
        @Test
        void noneAdvertisesNothing() {
            assertFalse(Extensions.none().has(Extensions.FULLFLUSH));
            assertEquals(Set.of(), Extensions.none().names());
        }

        @Test
        void withAddsANameWithEmptyDataAndLeavesTheOriginal() {
            Extensions base = Extensions.none();
            Extensions e = base.with(Extensions.FULLFLUSH);
            assertTrue(e.has("fullflush"));
            assertEquals(Optional.of(Map.of()), e.get("fullflush"));
            assertFalse(base.has("fullflush"));
        }

        @Test
        void rejectsUpperCaseAndEmptyNames() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Extensions.none().with("FullFlush"));
            assertEquals("extension names are lower-case identifiers, got 'FullFlush'", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Extensions.of(Map.of("", Map.of())));
        }

        @Test
        void ofCopiesItsInput() {
            Map<String, Object> source = new HashMap<>(Map.of("a", Map.of()));
            Extensions e = Extensions.of(source);
            source.put("b", Map.of());
            assertEquals(Set.of("a"), e.names());
        }

        @Test
        void anEmptyMapGivesNone() {
            assertSame(Extensions.none(), Extensions.of(Map.of()));
        }
    }

    @Nested
    class Tls {
        @Test
        void tlsIsPresentWhenTheDataIsATlsInfo() {
            assertEquals(Optional.of(TLS), Extensions.none().with(Extensions.TLS, TLS).tls());
        }

        @Test
        void tlsIsEmptyWhenAbsentOrOfAnotherType() {
            assertEquals(Optional.empty(), Extensions.none().tls());
            assertEquals(Optional.empty(), Extensions.none().with(Extensions.TLS, "not tls info").tls());
        }
    }

    @Nested
    class Equality {
        @Test
        void comparesByEntries() {
            assertEquals(Extensions.none().with("a"), Extensions.of(Map.of("a", Map.of())));
            assertEquals(Extensions.none().with("a").hashCode(), Extensions.of(Map.of("a", Map.of())).hashCode());
            assertNotEquals(Extensions.none().with("a"), Extensions.none().with("b"));
        }
    }
}
