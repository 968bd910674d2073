package org.pagi.server.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER (ITU-T X.690) to find a key's algorithm and to put a PKCS#1 or SEC 1 key into the PKCS#8
 * envelope the JDK's {@code KeyFactory} reads: read a tag-length-value, list a SEQUENCE's elements, write one.
 * Single-byte tags and definite lengths only, which is all keys use. Stateless.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]}, constructed: SEC 1's curve parameters. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /**
     * One element.
     *
     * @param tag   its tag byte
     * @param value its content bytes
     */
    record Tlv(int tag, byte[] value) {
        /** @return the elements of a constructed value (a SEQUENCE, a context tag) */
        List<Tlv> children() {
            List<Tlv> out = new ArrayList<>();
            int pos = 0;
            while (pos < value.length) {
                Read r = readAt(value, pos);
                out.add(r.tlv());
                pos = r.end();
            }
            return out;
        }
    }

    private record Read(Tlv tlv, int end) {
    }

    /** @return the one element {@code der} holds; trailing bytes are an error */
    static Tlv read(byte[] der) {
        Read r = readAt(der, 0);
        if (r.end() != der.length) {
            throw new IllegalArgumentException("trailing bytes after the DER element");
        }
        return r.tlv();
    }

    private static Read readAt(byte[] der, int pos) {
        if (pos + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER element at offset " + pos);
        }
        int tag = der[pos] & 0xFF;
        int len = der[pos + 1] & 0xFF;
        int start = pos + 2;
        if (len == 0x80 || len == 0xFF) {
            throw new IllegalArgumentException("indefinite or reserved DER length at offset " + pos);
        }
        if (len > 0x80) {
            int octets = len & 0x7F;
            if (octets > 4 || start + octets > der.length) {
                throw new IllegalArgumentException("bad DER length at offset " + pos);
            }
            len = 0;
            for (int i = 0; i < octets; i++) {
                len = (len << 8) | (der[start + i] & 0xFF);
            }
            start += octets;
        }
        if (len < 0 || start + len > der.length) {
            throw new IllegalArgumentException("DER element at offset " + pos + " runs past the end");
        }
        return new Read(new Tlv(tag, Arrays.copyOfRange(der, start, start + len)), start + len);
    }

    /** @return the element {@code tag} holding {@code parts} one after the other */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
