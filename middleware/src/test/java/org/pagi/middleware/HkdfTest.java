package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    @Test
    void matchesRfc5869TestCase3() {
        // A.3: IKM = 22 × 0x0b, no salt, no info; the first 32 bytes of its OKM
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertArrayEquals(
                HexFormat.of().parseHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"),
                Hkdf.sha256(ikm, "", ""));
    }

    @Test
    void keysForDifferentPurposesDiffer() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
        assertFalse(Arrays.equals(Hkdf.sha256(secret, "pagi", "session"), Hkdf.sha256(secret, "pagi", "csrf")));
        assertFalse(Arrays.equals(Hkdf.sha256(secret, "a", "x"), Hkdf.sha256(secret, "b", "x")));
        assertEquals(32, Hkdf.sha256(secret, "pagi", "session").length);
    }

    @Test
    void secretsUnderThirtyTwoBytesAreRefusedByName() {
        assertEquals("secret must be at least 32 bytes, got 31",
                assertThrows(IllegalArgumentException.class, () -> Hkdf.secret("secret", "x".repeat(31)))
                        .getMessage());
        assertEquals("secret must be at least 32 bytes, got 0",
                assertThrows(IllegalArgumentException.class, () -> Hkdf.secret("secret", null)).getMessage());
        assertEquals(32, Hkdf.secret("secret", "é".repeat(16)).length);
    }
}
