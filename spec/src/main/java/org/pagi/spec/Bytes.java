package org.pagi.spec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable run of bytes: request and response bodies, header values, raw paths and query strings.
 *
 * <p>PAGI keeps bytes and text apart: a body is bytes, a WebSocket text message is text, and nothing is
 * converted with an implicit charset. {@code Bytes} compares by content and prints in a bounded, escaped form,
 * so whole events can be compared and shown in test failures.
 *
 * <p>Instances are immutable and thread-safe. Factories copy their input; {@link #toByteArray()} returns a copy.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final byte[] NONE = new byte[0];
    private static final Bytes EMPTY = new Bytes(NONE);
    /** How many bytes {@link #toString()} shows before it elides the rest. */
    static final int PRINT_LIMIT = 64;

    private final byte[] data;
    private int hash;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** @return the empty byte string */
    public static Bytes empty() {
        return EMPTY;
    }

    /** @return a copy of {@code data} */
    public static Bytes of(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** @return a copy of {@code length} bytes of {@code data} starting at {@code offset} */
    public static Bytes of(byte[] data, int offset, int length) {
        // Arrays.copyOfRange pads with zeros past the end; a range beyond the array must fail instead.
        Objects.checkFromIndexSize(offset, length, data.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, Math.addExact(offset, length)));
    }

    /** @return a copy of the remaining bytes of {@code buffer}; the buffer's position is not moved */
    public static Bytes of(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy.length == 0 ? EMPTY : new Bytes(copy);
    }

    /** @return the UTF-8 encoding of {@code text} */
    public static Bytes utf8(String text) {
        return text.isEmpty() ? EMPTY : new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the bytes of an ASCII string, one byte per char
     * @throws IllegalArgumentException if {@code text} has a char above 0x7F, naming its index
     */
    public static Bytes ascii(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("not ASCII: char 0x%04X at index %d".formatted((int) c, i));
            }
            out[i] = (byte) c;
        }
        return out.length == 0 ? EMPTY : new Bytes(out);
    }

    /** @return the ISO-8859-1 bytes of {@code text}: chars 0-255 map to one byte each, losslessly */
    public static Bytes latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(
                        "not ISO-8859-1: char 0x%04X at index %d".formatted((int) text.charAt(i), i));
            }
        }
        return text.isEmpty() ? EMPTY : new Bytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** @return the number of bytes */
    public int length() {
        return data.length;
    }

    /** @return whether there are no bytes */
    public boolean isEmpty() {
        return data.length == 0;
    }

    /** @return the byte at {@code index} */
    public byte byteAt(int index) {
        return data[index];
    }

    /** @return a fresh copy of the bytes */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Copies the bytes into {@code dest} at {@code offset}, without an intermediate array. */
    public void copyTo(byte[] dest, int offset) {
        System.arraycopy(data, 0, dest, offset, data.length);
    }

    /** @return a read-only view of the bytes, positioned at 0 */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** @return the bytes from {@code from} (inclusive) to {@code to} (exclusive) */
    public Bytes slice(int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        return from == 0 && to == data.length ? this : of(Arrays.copyOfRange(data, from, to));
    }

    /** @return these bytes followed by {@code other} */
    public Bytes concat(Bytes other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        byte[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        return new Bytes(out);
    }

    /**
     * Decodes the bytes as UTF-8, strictly.
     *
     * @throws IllegalArgumentException if the bytes are not valid UTF-8, naming the offset of the bad byte
     */
    public String utf8() {
        return decodeStrict(StandardCharsets.UTF_8);
    }

    /** @return the bytes decoded as ISO-8859-1: every byte becomes the char of the same value, losslessly */
    public String latin1() {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes the bytes with an explicit charset, strictly.
     *
     * @throws IllegalArgumentException if the bytes are malformed for {@code charset}
     */
    public String decode(Charset charset) {
        return decodeStrict(charset);
    }

    /** @return whether the bytes are valid UTF-8 */
    public boolean isValidUtf8() {
        try {
            newStrictDecoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private String decodeStrict(Charset charset) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            return newStrictDecoder(charset).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "bytes are not valid %s near offset %d".formatted(charset.name(), in.position()), e);
        }
    }

    private static java.nio.charset.CharsetDecoder newStrictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && data.length > 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    /** @return a bounded, escaped rendering such as {@code b"hello\r\n"} or {@code b"aaaa..."(+936 bytes)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Math.min(data.length, PRINT_LIMIT) + 16).append("b\"");
        int shown = Math.min(data.length, PRINT_LIMIT);
        for (int i = 0; i < shown; i++) {
            int b = data[i] & 0xFF;
            switch (b) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        sb.append((char) b);
                    } else {
                        sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
                    }
                }
            }
        }
        sb.append('"');
        if (data.length > shown) {
            sb.append("...(+").append(data.length - shown).append(" bytes)");
        }
        return sb.toString();
    }
}
