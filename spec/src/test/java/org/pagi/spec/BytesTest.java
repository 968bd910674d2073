package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BytesTest {

    private static Bytes bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return Bytes.of(out);
    }

    @Nested
    class Factories {
        @Test
        void ofArrayCopiesItsInput() {
            byte[] source = {1, 2, 3};
            Bytes b = Bytes.of(source);
            source[0] = 9;
            assertEquals(bytes(1, 2, 3), b);
        }

        @Test
        void ofRangeCopiesOnlyThatRange() {
            byte[] source = {1, 2, 3, 4, 5};
            Bytes b = Bytes.of(source, 1, 3);
            source[2] = 9;
            assertEquals(bytes(2, 3, 4), b);
        }

        @Test
        void ofRangeRejectsARangePastTheEnd() {
            // Without a bounds check Arrays.copyOfRange pads with zeros and invents bytes that were never there.
            assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(new byte[3], 1, 3));
        }

        @Test
        void ofRangeRejectsANegativeOffsetOrLength() {
            assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(new byte[3], -1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(new byte[3], 1, -1));
        }

        @Test
        void ofBufferCopiesTheRemainingBytesWithoutMovingThePosition() {
            ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
            buffer.position(1);
            Bytes b = Bytes.of(buffer);
            buffer.put(2, (byte) 9);
            assertEquals(bytes(2, 3, 4), b);
            assertEquals(1, buffer.position());
        }

        @Test
        void toByteArrayReturnsAFreshCopy() {
            Bytes b = bytes(1, 2);
            b.toByteArray()[0] = 9;
            assertArrayEquals(new byte[] {1, 2}, b.toByteArray());
        }

        @Test
        void readOnlyBufferCannotWriteThroughAndStartsAtZero() {
            ByteBuffer view = bytes(1, 2).asReadOnlyBuffer();
            assertEquals(0, view.position());
            assertEquals(2, view.remaining());
            assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 9));
        }

        @Test
        void everyEmptyInputGivesTheEmptyInstance() {
            assertSame(Bytes.empty(), Bytes.of(new byte[0]));
            assertSame(Bytes.empty(), Bytes.utf8(""));
            assertSame(Bytes.empty(), Bytes.ascii(""));
            assertSame(Bytes.empty(), Bytes.latin1(""));
            assertSame(Bytes.empty(), Bytes.of(ByteBuffer.allocate(0)));
            assertTrue(Bytes.empty().isEmpty());
            assertEquals(0, Bytes.empty().length());
        }
    }

    @Nested
    class Equality {
        @Test
        void equalContentMeansEqualAndSameHashCode() {
            Bytes a = Bytes.of(new byte[] {1, 2, 3});
            Bytes b = Bytes.of(new byte[] {1, 2, 3});
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
        }

        @Test
        void differentContentOrLengthIsNotEqual() {
            assertNotEquals(bytes(1, 2, 3), bytes(1, 2, 4));
            assertNotEquals(bytes(1, 2), bytes(1, 2, 0));
        }

        @Test
        void isNeverEqualToARawByteArray() {
            assertNotEquals(bytes(1), (Object) new byte[] {1});
        }

        @Test
        void hashCodeIsStableAcrossCalls() {
            Bytes b = Bytes.utf8("stable");
            assertEquals(b.hashCode(), b.hashCode());
            assertEquals(java.util.Arrays.hashCode("stable".getBytes(StandardCharsets.UTF_8)), b.hashCode());
        }
    }

    @Nested
    class Utf8 {
        @Test
        void roundTripsTextOutsideAscii() {
            String text = "caf\u00e9 \u20ac \ud83d\ude00";
            assertEquals(text, Bytes.utf8(text).utf8());
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Bytes.utf8(text).length());
        }

        @Test
        void rejectsAnInvalidByteNamingItsOffset() {
            Bytes bad = bytes('a', 'b', 0xFF, 'c');
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::utf8);
            assertTrue(e.getMessage().contains("offset 2"), e.getMessage());
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }

        @Test
        void rejectsATruncatedSequenceNamingWhereItStarts() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> bytes('a', 0xE2, 0x82).utf8());
            assertTrue(e.getMessage().contains("offset 1"), e.getMessage());
        }

        @Test
        void rejectsOverlongEncodingsAndEncodedSurrogates() {
            assertThrows(IllegalArgumentException.class, () -> bytes(0xC0, 0x80).utf8());
            assertThrows(IllegalArgumentException.class, () -> bytes(0xED, 0xA0, 0x80).utf8());
        }

        @Test
        void reportsValidityWithoutThrowing() {
            assertTrue(Bytes.utf8("\u00e9").isValidUtf8());
            assertFalse(bytes(0xE9).isValidUtf8());
        }

        @Test
        void decodeWithAnExplicitCharsetIsStrictToo() {
            assertEquals("abc", Bytes.ascii("abc").decode(StandardCharsets.US_ASCII));
            assertThrows(IllegalArgumentException.class, () -> bytes(0x80).decode(StandardCharsets.US_ASCII));
        }
    }

    @Nested
    class Latin1AndAscii {
        @Test
        void latin1RoundTripsEveryCharFrom0To255() {
            StringBuilder all = new StringBuilder();
            for (char c = 0; c <= 0xFF; c++) {
                all.append(c);
            }
            Bytes b = Bytes.latin1(all.toString());
            assertEquals(256, b.length());
            for (int i = 0; i < 256; i++) {
                assertEquals(i, b.byteAt(i) & 0xFF);
            }
            assertEquals(all.toString(), b.latin1());
        }

        @Test
        void latin1RejectsACharAbove255NamingItsIndex() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bytes.latin1("a\u20ac"));
            assertEquals("not ISO-8859-1: char 0x20AC at index 1", e.getMessage());
        }

        @Test
        void asciiRejectsNonAsciiNamingTheCharAndIndex() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bytes.ascii("ab\u00e9"));
            assertEquals("not ASCII: char 0x00E9 at index 2", e.getMessage());
        }

        @Test
        void asciiAcceptsTheWholeSevenBitRange() {
            assertEquals(bytes(0, 0x41, 0x7F), Bytes.ascii("\u0000A\u007f"));
        }
    }

    @Nested
    class SliceAndConcat {
        @Test
        void sliceTakesFromInclusiveToExclusive() {
            assertEquals(Bytes.ascii("ell"), Bytes.ascii("hello").slice(1, 4));
        }

        @Test
        void sliceOfTheWholeRangeIsTheSameInstance() {
            Bytes b = Bytes.ascii("hello");
            assertSame(b, b.slice(0, 5));
        }

        @Test
        void emptySliceIsEmpty() {
            assertSame(Bytes.empty(), Bytes.ascii("hello").slice(2, 2));
        }

        @Test
        void sliceRejectsARangeBeyondTheEnd() {
            // Arrays.copyOfRange alone would pad with zero bytes here instead of failing.
            assertThrows(IndexOutOfBoundsException.class, () -> Bytes.ascii("abc").slice(1, 5));
        }

        @Test
        void sliceRejectsAReversedOrNegativeRange() {
            assertThrows(IndexOutOfBoundsException.class, () -> Bytes.ascii("abc").slice(2, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> Bytes.ascii("abc").slice(-1, 1));
        }

        @Test
        void concatJoinsInOrder() {
            assertEquals(Bytes.ascii("foobar"), Bytes.ascii("foo").concat(Bytes.ascii("bar")));
        }

        @Test
        void concatWithEmptyReturnsTheOtherSide() {
            Bytes b = Bytes.ascii("x");
            assertSame(b, b.concat(Bytes.empty()));
            assertSame(b, Bytes.empty().concat(b));
        }
    }

    @Nested
    class Printing {
        @Test
        void escapesControlQuoteBackslashAndHighBytes() {
            Bytes b = bytes('a', '\r', '\n', '\t', '"', '\\', 0x00, 0x7F, 0xFF);
            assertEquals("b\"a\\r\\n\\t\\\"\\\\\\x00\\x7f\\xff\"", b.toString());
        }

        @Test
        void printsEmptyAsEmptyQuotes() {
            assertEquals("b\"\"", Bytes.empty().toString());
        }

        @Test
        void printsExactlyPrintLimitBytesWithoutElision() {
            Bytes b = Bytes.ascii("a".repeat(Bytes.PRINT_LIMIT));
            assertEquals("b\"" + "a".repeat(Bytes.PRINT_LIMIT) + "\"", b.toString());
        }

        @Test
        void elidesBeyondPrintLimitNamingHowManyBytesAreHidden() {
            Bytes b = Bytes.ascii("a".repeat(1000));
            assertEquals("b\"" + "a".repeat(Bytes.PRINT_LIMIT) + "\"...(+936 bytes)", b.toString());
        }

        @Test
        void staysBoundedForAHugeBody() {
            Bytes b = Bytes.of(new byte[1_000_000]);
            assertTrue(b.toString().length() < 4 * Bytes.PRINT_LIMIT + 40, "toString is bounded");
        }
    }

    @Nested
    class Ordering {
        @Test
        void comparesBytesUnsigned() {
            assertTrue(bytes(0x01).compareTo(bytes(0xFF)) < 0);
            assertTrue(bytes(0x80).compareTo(bytes(0x7F)) > 0);
        }

        @Test
        void aPrefixSortsBeforeTheLongerValue() {
            assertTrue(Bytes.ascii("ab").compareTo(Bytes.ascii("abc")) < 0);
        }

        @Test
        void equalValuesCompareAsZero() {
            assertEquals(0, Bytes.ascii("abc").compareTo(Bytes.ascii("abc")));
        }
    }
}
