package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class CompressionProperties {

    /** One Accept-Encoding member: a coding and an optional q-value, written with random case and spacing. */
    record Member(String coding, Optional<Integer> thousandths, boolean upper, boolean spaced) {
        String text() {
            String name = upper ? coding.toUpperCase() : coding;
            String q = thousandths.map(t -> (spaced ? " ; q=" : ";q=") + (t == 1000 ? "1" : "0." + String.format("%03d", t)))
                    .orElse("");
            return name + q;
        }

        double q() {
            return thousandths.orElse(1000) / 1000.0;
        }
    }

    @Provide
    Arbitrary<List<Member>> members() {
        Arbitrary<Member> member = Combinators.combine(
                Arbitraries.of("gzip", "deflate", "br", "identity", "*"),
                Arbitraries.integers().between(0, 1000).optional(),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Member::new);
        return member.list().ofMaxSize(6).uniqueElements(Member::coding);
    }

    /** The choice follows RFC 9110 12.5.3 as stated: the highest non-zero q, explicit beats *, gzip wins ties. */
    @Property
    void theNegotiatedCodingHasTheHighestQuality(@ForAll("members") List<Member> members) {
        String header = String.join(", ", members.stream().map(Member::text).toList());
        double gzip = expected(members, "gzip");
        double deflate = expected(members, "deflate");
        Optional<ContentCoding> want = gzip == 0 && deflate == 0 ? Optional.empty()
                : Optional.of(gzip >= deflate ? ContentCoding.GZIP : ContentCoding.DEFLATE);
        assertEquals(want, ContentCoding.negotiate(List.of(header), List.of(ContentCoding.GZIP, ContentCoding.DEFLATE)),
                header);
    }

    private static double expected(List<Member> members, String coding) {
        return members.stream().filter(m -> m.coding.equals(coding)).findFirst()
                .or(() -> members.stream().filter(m -> m.coding.equals("*")).findFirst())
                .map(Member::q).orElse(0.0);
    }

    @Provide
    Arbitrary<List<String>> events() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '€', '\n').ofMaxLength(3000)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    /** Any body split into any events, in either coding, decodes to the original. */
    @Property(tries = 200)
    void anyBodyInAnyEventsDecodesToTheOriginal(@ForAll("events") List<String> events,
            @ForAll boolean gzip) {
        Application app = ScriptedResponse.of(200, Headers.of("content-type", "text/plain"), events);
        String coding = gzip ? "gzip" : "deflate";
        TestResponse res = TestClient.of(Compression.builder().minSize(0).build().wrap(app)).get("/")
                .header("accept-encoding", coding).send();
        assertEquals(Optional.of(coding), res.header("content-encoding"));
        assertEquals(String.join("", events), Codecs.decode(coding, res.body()));
        List<String> perChunk = new ArrayList<>();
        if (!gzip && events.size() > 1) {
            Codecs.ChunkInflater inflater = new Codecs.ChunkInflater();
            res.chunks().forEach(c -> perChunk.add(inflater.feed(c)));
            assertTrue(inflater.finished());
            assertEquals(events.stream().filter(e -> !e.isEmpty()).toList(),
                    perChunk.stream().filter(e -> !e.isEmpty()).toList(), "each event decodes on its own arrival");
        }
    }
}
