package org.pagi.server.tls;

/** Hand-made ClientHello records, for what no modern client will send. */
public final class ClientHellos {
    private ClientHellos() {
    }

    /**
     * @return a TLS 1.1 ClientHello (RFC 4346 section 7.4.1.2): version 3.2, two AES-CBC suites, no extensions, so
     *         no {@code supported_versions} to offer anything newer
     */
    public static byte[] tls11() {
        byte[] random = new byte[32];
        new java.util.Random(11).nextBytes(random);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x03, 0x02});
        body.writeBytes(random);
        body.writeBytes(new byte[] {0x00, 0x00, 0x04, 0x00, 0x2F, 0x00, 0x35, 0x01, 0x00});
        byte[] b = body.toByteArray();
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
        int hsLength = b.length + 4;
        record.writeBytes(new byte[] {0x16, 0x03, 0x01, (byte) (hsLength >> 8), (byte) hsLength});
        record.writeBytes(new byte[] {0x01, 0x00, (byte) (b.length >> 8), (byte) b.length});
        record.writeBytes(b);
        return record.toByteArray();
    }

    /** @return the start of a ClientHello record that will never be finished */
    public static byte[] unfinished() {
        byte[] hello = tls11();
        return java.util.Arrays.copyOf(hello, 9);
    }
}
