package org.pagi.wrappers.http;

import java.util.List;

/** What a {@code Range} header asks of a representation of known length: see {@link ByteRanges#parse}. */
public sealed interface RangeResult {

    /** No {@code Range} header, or one to ignore: send the whole representation with 200. */
    record Full() implements RangeResult {
    }

    /**
     * Send these ranges with 206: one as a plain body with {@code Content-Range}, several as
     * {@code multipart/byteranges}.
     *
     * @param ranges sorted, disjoint and not adjacent (adjacent or overlapping ones are merged); never empty
     */
    record Partial(List<ByteRange> ranges) implements RangeResult {
        /** Keeps an unmodifiable copy. */
        public Partial {
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("a partial result needs at least one range");
            }
            ranges = List.copyOf(ranges);
        }
    }

    /**
     * No requested range overlaps the representation: send 416 with {@link #contentRange()}.
     *
     * @param completeLength the representation's length
     */
    record Unsatisfiable(long completeLength) implements RangeResult {
        /** @return {@code bytes *}{@code /length}, the {@code Content-Range} of a 416 */
        public String contentRange() {
            return "bytes */" + completeLength;
        }
    }
}
