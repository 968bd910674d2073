package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/**
 * For any file and any Range header, the 206 parts (one plain body or a parsed multipart/byteranges) are exactly
 * the requested bytes of the file: sorted, disjoint, each equal to its slice, and together the requested set.
 */
class FileRangeProperties {

    /** One range spec: first-last, first- (last < 0) or -suffix (first < 0). */
    record Spec(long first, long last) {
        String text() {
            return first < 0 ? "-" + last : last < 0 ? first + "-" : first + "-" + last;
        }

        /** Marks the bytes of a file of {@code length} this spec asks for. */
        void mark(BitSet set, int length) {
            long from = first < 0 ? Math.max(0, length - last) : first;
            long to = first < 0 || last < 0 ? length - 1 : Math.min(last, length - 1);
            if (first < 0 && last == 0) {
                return;
            }
            for (long i = from; i <= to && i < length; i++) {
                set.set((int) i);
            }
        }
    }

    @Provide
    Arbitrary<Spec> spec() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, 3_000);
        return Arbitraries.oneOf(
                Combinators.combine(n, n).as((a, b) -> new Spec(Math.min(a, b), Math.max(a, b))),
                n.map(a -> new Spec(a, -1)),
                n.map(b -> new Spec(-1, b)));
    }

    @Property(tries = 200)
    void partsAreExactlyTheRequestedSlices(@ForAll @Size(max = 2_500) byte[] content,
            @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("spec") Spec> specs,
            @ForAll boolean chunked) throws IOException {
        List<String> texts = specs.stream().map(Spec::text).toList();
        TestResponse r = fetch(content, "bytes=" + String.join(",", texts), chunked);
        BitSet wanted = new BitSet();
        specs.forEach(s -> s.mark(wanted, content.length));
        if (wanted.isEmpty()) {
            assertEquals(416, r.status());
            assertEquals("bytes */" + content.length, r.header("content-range").orElseThrow());
            return;
        }
        assertEquals(206, r.status());
        BitSet got = new BitSet();
        long previousLast = -2;
        for (long[] part : parts(r, content)) {
            assertTrue(part[0] > previousLast + 1, "parts sorted, disjoint and not adjacent");
            got.set((int) part[0], (int) part[1] + 1);
            previousLast = part[1];
        }
        assertEquals(wanted, got);
    }

    /** Any text a header may carry, mostly near Range syntax so that many are valid. */
    @Provide
    Arbitrary<String> header() {
        Arbitrary<String> near = Arbitraries.strings().withChars("0123456789-, \tbytes=X").ofMaxLength(40);
        Arbitrary<String> visible = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        return Arbitraries.oneOf(near, near.map(s -> "bytes=" + s), visible);
    }

    @Property(tries = 300)
    void anyHeaderGivesAConsistentAnswer(@ForAll @Size(max = 600) byte[] content,
            @ForAll("header") String header)
            throws IOException {
        TestResponse r = fetch(content, header, false);
        switch (r.status()) {
            case 200 -> assertArrayEquals(content, r.body().toByteArray());
            case 206 -> parts(r, content);
            case 416 -> assertEquals("bytes */" + content.length, r.header("content-range").orElseThrow());
            default -> throw new AssertionError("status " + r.status() + " for Range: " + header);
        }
    }

    private static TestResponse fetch(byte[] content, String range, boolean chunked) throws IOException {
        Path f = Files.createTempFile("ranges", ".bin");
        try {
            Files.write(f, content);
            FileResponse response = chunked ? FileResponse.of(f).streamedInChunks() : FileResponse.of(f);
            return TestClient.of(response).get("/").header("range", range).send();
        } finally {
            Files.delete(f);
        }
    }

    /** Checks each part against the file and returns their {first, last}. */
    private static List<long[]> parts(TestResponse r, byte[] content) {
        String type = r.header("content-type").orElseThrow();
        assertEquals(Long.toString(r.body().length()), r.header("content-length").orElseThrow());
        List<long[]> out = new ArrayList<>();
        if (type.startsWith("multipart/byteranges")) {
            for (ByteRangeParts.Part p : ByteRangeParts.parse(type, r.body().toByteArray()).parts()) {
                assertEquals("bytes " + p.first() + "-" + p.last() + "/" + content.length, p.headers().get("content-range"));
                assertArrayEquals(Arrays.copyOfRange(content, (int) p.first(), (int) p.last() + 1), p.body());
                out.add(new long[] {p.first(), p.last()});
            }
            assertTrue(out.size() > 1, "a multipart body has several parts");
            return out;
        }
        String cr = r.header("content-range").orElseThrow();
        String[] ends = cr.substring("bytes ".length(), cr.indexOf('/')).split("-");
        long first = Long.parseLong(ends[0]);
        long last = Long.parseLong(ends[1]);
        assertEquals("/" + content.length, cr.substring(cr.indexOf('/')));
        assertArrayEquals(Arrays.copyOfRange(content, (int) first, (int) last + 1), r.body().toByteArray());
        out.add(new long[] {first, last});
        return out;
    }
}
