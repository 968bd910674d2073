package org.pagi.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM text (RFC 7468): the blocks of a file, and a DER value back to text. Text outside the blocks (the
 * "Bag Attributes" openssl writes, comments) is skipped. Stateless.
 */
final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /**
     * One block.
     *
     * @param label what the block says it is: {@code CERTIFICATE}, {@code PRIVATE KEY}, ...
     * @param der   its decoded content
     */
    record Block(String label, byte[] der) {
    }

    /**
     * @return the blocks of {@code file}, in order
     * @throws TlsSetupException when the file cannot be read or a block is malformed; the message names the file
     */
    static List<Block> read(Path file) throws TlsSetupException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsSetupException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new TlsSetupException(file + ": not a PEM file (it holds bytes that are not text; a DER or "
                    + "PKCS#12 file needs converting, or --ssl-keystore)");
        } catch (IOException e) {
            throw new TlsSetupException(file + ": cannot read it: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    static List<Block> parse(String text, Path file) throws TlsSetupException {
        List<Block> blocks = new ArrayList<>();
        int pos = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, pos);
            if (begin < 0) {
                return blocks;
            }
            int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) {
                throw new TlsSetupException(file + ": a BEGIN line is not closed with -----");
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd);
            String endLine = END + label + DASHES;
            int end = text.indexOf(endLine, labelEnd);
            if (end < 0) {
                throw new TlsSetupException(file + ": the " + label + " block has no '" + endLine + "' line");
            }
            String body = text.substring(labelEnd + DASHES.length(), end);
            if (body.contains(":")) {
                // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") mark a key encrypted the old OpenSSL way.
                throw new TlsSetupException(file + ": the " + label + " is encrypted; decrypt it first: "
                        + "openssl pkey -in " + file + " -out key.pem");
            }
            try {
                blocks.add(new Block(label, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(file + ": the " + label + " block is not valid base64");
            }
            pos = end + endLine.length();
        }
    }

    /** @return {@code der} as a PEM block of {@code label}, lines of 64 characters, ending with a line break */
    static String encode(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return BEGIN + label + DASHES + "\n" + base64 + "\n" + END + label + DASHES + "\n";
    }
}
