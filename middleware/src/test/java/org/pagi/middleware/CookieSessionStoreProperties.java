package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The cookie store's codec: what it seals it opens, and nothing else. */
class CookieSessionStoreProperties {

    private static final String OLD = "old-secret-old-secret-old-secret-0001";
    private static final String NEW = "new-secret-new-secret-new-secret-0002";
    private static final CookieSessionStore STORE = CookieSessionStore.builder().secret(NEW).secret(OLD).build();

    @Provide
    Arbitrary<SessionStore.Record> records() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Map<String, String>> data = Arbitraries.maps(text, text).ofMaxSize(6);
        Arbitrary<Instant> when = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(22), data, when, when)
                .as(SessionStore.Record::new);
    }

    @Property(tries = 200)
    void whatIsSavedLoadsBackUnchanged(@ForAll("records") SessionStore.Record record) {
        assertEquals(record, STORE.load(STORE.save(record)).orElseThrow());
    }

    @Property(tries = 300)
    void anyTamperedByteIsRejected(@ForAll("records") SessionStore.Record record, @ForAll @IntRange(min = 0,
            max = 10_000) int where, @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] sealed = Base64.getUrlDecoder().decode(STORE.save(record));
        sealed[where % sealed.length] ^= (byte) flip;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        assertTrue(STORE.load(forged).isEmpty(), "byte " + where % sealed.length + " flipped");
    }

    @Property(tries = 100)
    void rotationEncryptsWithTheFirstSecretAndAcceptsAny(@ForAll("records") SessionStore.Record record) {
        CookieSessionStore oldOnly = CookieSessionStore.builder().secret(OLD).build();
        CookieSessionStore newOnly = CookieSessionStore.builder().secret(NEW).build();
        CookieSessionStore other = CookieSessionStore.builder().secret("another-secret-another-secret-0003").build();
        assertEquals(record, STORE.load(oldOnly.save(record)).orElseThrow(), "old cookies still open");
        assertEquals(record, newOnly.load(STORE.save(record)).orElseThrow(), "new cookies use the first secret");
        assertTrue(oldOnly.load(STORE.save(record)).isEmpty());
        assertTrue(other.load(STORE.save(record)).isEmpty(), "a foreign secret opens nothing");
    }

    @Property(tries = 100)
    void garbageIsNoSession(@ForAll String token) {
        assertTrue(STORE.load(token).isEmpty());
    }
}
