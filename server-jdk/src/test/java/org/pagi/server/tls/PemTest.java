package org.pagi.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final Path FILE = Path.of("x.pem");

    @Test
    void readsEveryBlockAndSkipsTheTextAround() throws TlsSetupException {
        String text = "Bag Attributes\n    localKeyID: 01\nsubject=CN=a\n"
                + Pem.encode("CERTIFICATE", new byte[] {1, 2}) + "junk\n" + Pem.encode("PRIVATE KEY", new byte[] {3});
        List<Pem.Block> blocks = Pem.parse(text, FILE);
        assertEquals(List.of("CERTIFICATE", "PRIVATE KEY"), blocks.stream().map(Pem.Block::label).toList());
        assertArrayEquals(new byte[] {1, 2}, blocks.get(0).der());
    }

    @Test
    void encodesInLinesOf64() throws TlsSetupException {
        byte[] der = new byte[100];
        String pem = Pem.encode("CERTIFICATE", der);
        assertEquals(List.of(27, 64, 64, 8, 25), pem.lines().map(String::length).toList());
        assertArrayEquals(der, Pem.parse(pem.replace("\n", "\r\n"), FILE).get(0).der());
    }

    @Test
    void namesABlockWithoutItsEnd() {
        assertEquals("x.pem: the CERTIFICATE block has no '-----END CERTIFICATE-----' line",
                assertThrows(TlsSetupException.class, () -> Pem.parse("-----BEGIN CERTIFICATE-----\nAAAA\n", FILE))
                        .getMessage());
    }

    @Test
    void namesBadBase64() {
        assertEquals("x.pem: the CERTIFICATE block is not valid base64", assertThrows(TlsSetupException.class,
                () -> Pem.parse("-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n", FILE)).getMessage());
    }

    @Test
    void derWritesLongLengthsAndReadsThemBack() {
        byte[] content = new byte[300];
        byte[] der = Der.encode(Der.OCTET_STRING, content);
        assertArrayEquals(new byte[] {0x04, (byte) 0x82, 0x01, 0x2C}, java.util.Arrays.copyOf(der, 4));
        assertArrayEquals(content, Der.read(der).value());
    }

    @Test
    void derRefusesAnElementThatRunsPastTheEnd() {
        assertThrows(IllegalArgumentException.class, () -> Der.read(new byte[] {0x30, 0x05, 0x02}));
    }
}
