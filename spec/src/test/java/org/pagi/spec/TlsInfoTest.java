package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TlsInfoTest {

    private static TlsInfo tls(List<String> chain, OptionalInt version, OptionalInt cipher) {
        return new TlsInfo(Optional.empty(), chain, Optional.empty(), Optional.empty(), version, cipher);
    }

    @Test
    void copiesAndFreezesTheClientChain() {
        List<String> chain = new ArrayList<>(List.of("leaf"));
        TlsInfo t = tls(chain, OptionalInt.empty(), OptionalInt.empty());
        chain.add("root");
        assertEquals(List.of("leaf"), t.clientCertChain());
        assertThrows(UnsupportedOperationException.class, () -> t.clientCertChain().add("x"));
    }

    @Test
    void acceptsSixteenBitValuesAtBothEnds() {
        TlsInfo t = tls(List.of(), OptionalInt.of(0), OptionalInt.of(0xFFFF));
        assertEquals(OptionalInt.of(0xFFFF), t.cipherSuite());
    }

    @Test
    void rejectsValuesOutsideSixteenBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tls(List.of(), OptionalInt.of(0x10000), OptionalInt.empty()));
        assertEquals("tlsVersion must be a 16-bit value, got 65536", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tls(List.of(), OptionalInt.empty(), OptionalInt.of(-1)));
    }
}
