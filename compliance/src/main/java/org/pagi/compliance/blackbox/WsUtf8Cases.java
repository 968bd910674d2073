package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pagi.protocol.websocket.Opcodes;

/**
 * UTF-8 in text messages (RFC 6455 sections 5.6 and 8.1, RFC 3629), after Autobahn's group 6 and the samples of
 * Markus Kuhn's UTF-8 decoder test that it uses: valid text echoes however it is split into fragments; invalid
 * text fails the connection with 1007, as soon as the bad byte arrives (6.4.x), also when the bad sequence is
 * split across fragments.
 */
final class WsUtf8Cases {
    /** Autobahn 6.2.1's sample. */
    private static final String MULTILINGUAL = "Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!";
    /** Autobahn 6.3.1's sample: a lone surrogate (U+D800 written as ED A0 80) inside valid text. */
    private static final byte[] SURROGATE_INSIDE = WsWire.concat(WsWire.KOSME, WsWire.hex("eda080"),
            "edited".getBytes(StandardCharsets.US_ASCII));

    /** One sample: bytes sent as one text frame, and whether they are valid UTF-8. */
    private record Sample(boolean valid, byte[] bytes) {
    }

    private WsUtf8Cases() {
    }

    static List<WireCase> all() {
        List<WireCase> all = new ArrayList<>();
        all.add(WireCase.of(Category.WEBSOCKET, "utf8-valid-one-frame", "RFC 6455 section 5.6 (Autobahn 6.2.1): "
                + "valid multilingual UTF-8 text is echoed", t -> echoAll(t, List.of(valid(MULTILINGUAL)))));
        all.add(WireCase.of(Category.WEBSOCKET, "utf8-valid-split-anywhere", "RFC 6455 section 5.6 (Autobahn "
                + "6.2.2-6.2.4): valid text split into fragments at every byte position, code point boundary or "
                + "not, is echoed whole", WsUtf8Cases::validSplitAnywhere));
        all.add(WireCase.of(Category.WEBSOCKET, "utf8-invalid-one-frame-1007", "RFC 6455 section 8.1 (Autobahn "
                + "6.3.1): a text frame holding a lone surrogate fails the connection with 1007",
                t -> failsWith1007(t, () -> WsWire.text(SURROGATE_INSIDE))));
        all.add(WireCase.of(Category.WEBSOCKET, "utf8-invalid-octet-fragments-1007", "RFC 6455 section 8.1 (Autobahn "
                + "6.3.2): the same text sent one byte per fragment fails the connection with 1007",
                WsUtf8Cases::invalidOctetFragments));
        all.add(WireCase.of(Category.WEBSOCKET, "utf8-invalid-split-anywhere-1007", "RFC 6455 section 8.1: an "
                + "invalid sequence split across two fragments, at every byte position, fails the connection with "
                + "1007", WsUtf8Cases::invalidSplitAnywhere));
        all.add(WireCase.of(Category.WEBSOCKET, "utf8-truncated-at-message-end-1007", "RFC 6455 section 8.1: a "
                + "fragmented text message that ends inside a code point fails the connection with 1007",
                t -> failsWith1007(t, () -> WsWire.concat(
                        WsWire.frame(false, 0, Opcodes.TEXT, WsWire.concat(WsWire.KOSME, WsWire.hex("ce"))),
                        WsWire.frame(true, 0, Opcodes.CONTINUATION, new byte[0])))));
        all.addAll(failFast());
        all.addAll(samples());
        return all;
    }

    /** Autobahn 6.4.1-6.4.4: the Close arrives while the rest of the message is still unsent. */
    private static List<WireCase> failFast() {
        byte[] above = WsWire.hex("f4908080"); // U+110000, past the last code point
        byte[] edited = "edited".getBytes(StandardCharsets.US_ASCII);
        return List.of(
                WireCase.of(Category.WEBSOCKET, "utf8-fail-fast-fragment", "RFC 6455 section 8.1 (Autobahn 6.4.1): "
                        + "the fragment holding an invalid code point fails the connection with 1007 before the "
                        + "last fragment is sent", t -> failFast(t,
                        WsWire.frame(false, 0, Opcodes.TEXT, WsWire.KOSME),
                        WsWire.frame(false, 0, Opcodes.CONTINUATION, above))),
                WireCase.of(Category.WEBSOCKET, "utf8-fail-fast-fragment-byte", "RFC 6455 section 8.1 (Autobahn "
                        + "6.4.2): a fragment ending with the first byte that makes the text invalid fails the "
                        + "connection with 1007 before the rest is sent", t -> failFast(t,
                        WsWire.frame(false, 0, Opcodes.TEXT, WsWire.concat(WsWire.KOSME, WsWire.hex("f4"))),
                        WsWire.frame(false, 0, Opcodes.CONTINUATION, WsWire.hex("90")))),
                WireCase.of(Category.WEBSOCKET, "utf8-fail-fast-partial-frame", "RFC 6455 section 8.1 (Autobahn "
                        + "6.4.3): a frame whose header announces the whole payload fails with 1007 once the "
                        + "invalid code point has arrived, before the frame's last bytes are sent",
                        t -> failFastInFrame(t, WsWire.concat(WsWire.KOSME, above, edited), WsWire.KOSME.length,
                                above.length)),
                WireCase.of(Category.WEBSOCKET, "utf8-fail-fast-partial-frame-byte", "RFC 6455 section 8.1 "
                        + "(Autobahn 6.4.4): the same with the frame cut right after the first byte that makes the "
                        + "text invalid", t -> failFastInFrame(t, WsWire.concat(WsWire.KOSME, above, edited),
                        WsWire.KOSME.length + 1, 1)));
    }

    private static List<WireCase> samples() {
        List<WireCase> all = new ArrayList<>();
        all.add(group("utf8-valid-samples", "6.5", "some valid UTF-8 texts", List.of(
                valid("hello$world"), valid("hello\u00a2world"), valid("hello\u20acworld"),
                valid("hello\ud852\udf62world"), new Sample(true, WsWire.KOSME))));
        List<Sample> prefixes = new ArrayList<>();
        for (int n = 1; n <= WsWire.KOSME.length; n++) {
            boolean boundary = n == 2 || n == 5 || n == 7 || n == 9 || n == 11;
            prefixes.add(new Sample(boundary, Arrays.copyOf(WsWire.KOSME, n)));
        }
        all.add(group("utf8-prefixes", "6.6", "every prefix of a valid text: those ending inside a code point are "
                + "truncated", prefixes));
        all.add(group("utf8-first-of-each-length", "6.7", "the first code point of each encoded length",
                hexes(true, "00", "c280", "e0a080", "f0908080")));
        all.add(group("utf8-five-and-six-byte-forms", "6.8", "5- and 6-byte sequences (past U+10FFFF)",
                hexes(false, "f888808080", "fc8480808080")));
        all.add(group("utf8-last-of-each-length", "6.9", "the last code point of each encoded length",
                hexes(true, "7f", "dfbf", "efbfbf", "f48fbfbf")));
        all.add(group("utf8-above-max", "6.10-6.11.5", "sequences past U+10FFFF",
                hexes(false, "f7bfbfbf", "fbbfbfbfbf", "fdbfbfbfbfbf", "f4908080")));
        all.add(group("utf8-boundaries", "6.11.1-6.11.4", "other boundary code points",
                hexes(true, "ed9fbf", "ee8080", "efbfbd", "f48fbfbf")));
        all.add(group("utf8-stray-continuation", "6.12", "continuation bytes without a start byte",
                hexes(false, "80", "bf", "80bf", "80bf80", "80bf80bf", "80bf80bf80", "80bf80bf80bf", range(0x80, 0xbf,
                        ""))));
        all.add(group("utf8-lonely-start", "6.13", "start bytes followed by a space instead of continuations",
                hexes(false, range(0xc0, 0xdf, "20"), range(0xe0, 0xef, "20"), range(0xf0, 0xf7, "20"),
                        range(0xf8, 0xfb, "20"), range(0xfc, 0xfd, "20"))));
        String[] truncated = {"c0", "e080", "f08080", "f8808080", "fc80808080", "df", "efbf", "f7bfbf", "fbbfbfbf",
                "fdbfbfbfbf"};
        all.add(group("utf8-last-byte-missing", "6.14", "sequences missing their last continuation byte",
                hexes(false, truncated)));
        all.add(group("utf8-incomplete-concatenated", "6.15", "all of those, one after another",
                hexes(false, String.join("", truncated))));
        all.add(group("utf8-impossible-bytes", "6.16", "FE and FF, which never occur in UTF-8",
                hexes(false, "fe", "ff", "fefeffff")));
        all.add(group("utf8-overlong-slash", "6.17", "overlong forms of '/'",
                hexes(false, "c0af", "e080af", "f08080af", "f8808080af", "fc80808080af")));
        all.add(group("utf8-overlong-maximum", "6.18", "the largest overlong form of each length",
                hexes(false, "c1bf", "e09fbf", "f08fbfbf", "f887bfbfbf", "fc83bfbfbfbf")));
        all.add(group("utf8-overlong-nul", "6.19", "overlong forms of NUL",
                hexes(false, "c080", "e08080", "f0808080", "f880808080", "fc8080808080")));
        all.add(group("utf8-single-surrogates", "6.20", "UTF-16 surrogates encoded alone",
                hexes(false, "eda080", "edadbf", "edae80", "edafbf", "edb080", "edbe80", "edbfbf")));
        all.add(group("utf8-paired-surrogates", "6.21", "UTF-16 surrogate pairs encoded as two code points",
                hexes(false, "eda080edb080", "eda080edbfbf", "edadbfedb080", "edadbfedbfbf", "edae80edb080",
                        "edae80edbfbf", "edafbfedb080", "edafbfedbfbf")));
        all.add(group("utf8-noncharacters", "6.22", "noncharacters, which are valid UTF-8", nonCharacters()));
        all.add(group("utf8-specials", "6.23", "the Specials block, the replacement character included",
                hexes(true, "efbfb9", "efbfba", "efbfbb", "efbfbc", "efbfbd", "efbfbe", "efbfbf")));
        return all;
    }

    /** A case for one Autobahn group: the valid samples echo on one connection, each invalid one fails its own. */
    private static WireCase group(String name, String autobahn, String what, List<Sample> samples) {
        long valid = samples.stream().filter(Sample::valid).count();
        String expect = valid == samples.size() ? "each is echoed"
                : valid == 0 ? "each fails the connection with 1007" : "the valid ones are echoed, each invalid one "
                + "fails the connection with 1007";
        String rule = (valid == samples.size() ? "RFC 6455 section 5.6, RFC 3629" : "RFC 6455 section 8.1, RFC 3629")
                + " (Autobahn " + autobahn + "): " + what + "; " + expect;
        return WireCase.of(Category.WEBSOCKET, name, rule, t -> runSamples(t, samples));
    }

    private static void runSamples(Target t, List<Sample> samples) throws Exception {
        List<Sample> valid = samples.stream().filter(Sample::valid).toList();
        if (!valid.isEmpty()) {
            echoAll(t, valid);
        }
        for (Sample s : samples) {
            if (!s.valid()) {
                try {
                    failsWith1007(t, () -> WsWire.text(s.bytes()));
                } catch (CaseFailed e) {
                    throw new CaseFailed("text bytes " + WsWire.hex(s.bytes()) + ": " + e.getMessage());
                }
            }
        }
    }

    private static void echoAll(Target t, List<Sample> samples) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            for (Sample s : samples) {
                c.raw(WsWire.text(s.bytes()));
                try {
                    WsWire.expectText(c, new String(s.bytes(), StandardCharsets.UTF_8));
                } catch (CaseFailed e) {
                    throw new CaseFailed("text bytes " + WsWire.hex(s.bytes()) + ": " + e.getMessage());
                }
            }
            WsWire.closeCleanly(c);
        }
    }

    private static void validSplitAnywhere(Target t) throws Exception {
        byte[] text = MULTILINGUAL.getBytes(StandardCharsets.UTF_8);
        try (WebSocketConnection c = WsWire.open(t)) {
            for (int at = 1; at < text.length; at++) {
                c.raw(WsWire.concat(WsWire.frame(false, 0, Opcodes.TEXT, Arrays.copyOfRange(text, 0, at)),
                        WsWire.frame(true, 0, Opcodes.CONTINUATION, Arrays.copyOfRange(text, at, text.length))));
                try {
                    WsWire.expectText(c, MULTILINGUAL);
                } catch (CaseFailed e) {
                    throw new CaseFailed("split after byte " + at + ": " + e.getMessage());
                }
            }
            for (byte[] whole : List.of(text, WsWire.KOSME)) {
                c.raw(octetFragments(whole));
                WsWire.expectText(c, new String(whole, StandardCharsets.UTF_8));
            }
            WsWire.closeCleanly(c);
        }
    }

    private static void invalidOctetFragments(Target t) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.mayBeCut(() -> c.raw(octetFragments(SURROGATE_INSIDE)));
            WsWire.expectFailure(c, 1007);
        }
    }

    private static void invalidSplitAnywhere(Target t) throws Exception {
        for (int at = 1; at < SURROGATE_INSIDE.length; at++) {
            int cut = at;
            try {
                failsWith1007(t, () -> WsWire.concat(
                        WsWire.frame(false, 0, Opcodes.TEXT, Arrays.copyOfRange(SURROGATE_INSIDE, 0, cut)),
                        WsWire.frame(true, 0, Opcodes.CONTINUATION,
                                Arrays.copyOfRange(SURROGATE_INSIDE, cut, SURROGATE_INSIDE.length))));
            } catch (CaseFailed e) {
                throw new CaseFailed("split after byte " + at + ": " + e.getMessage());
            }
        }
    }

    /** Sends the first frame, pauses, sends the second; the Close 1007 must come without anything more. */
    private static void failFast(Target t, byte[] first, byte[] second) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.raw(first);
            Thread.sleep(100);
            WsWire.mayBeCut(() -> c.raw(second));
            WsWire.expectFailure(c, 1007);
        }
    }

    /**
     * Sends one text frame announcing all of {@code payload}, but only its first {@code valid} payload bytes, a
     * pause, then {@code bad} more bytes; the rest never goes out, so only a server that checks UTF-8 as bytes
     * arrive sends its Close in time.
     */
    private static void failFastInFrame(Target t, byte[] payload, int valid, int bad) throws Exception {
        byte[] frame = WsWire.text(payload);
        int header = frame.length - payload.length;
        failFast(t, Arrays.copyOfRange(frame, 0, header + valid),
                Arrays.copyOfRange(frame, header + valid, header + valid + bad));
    }

    private interface Frames {
        byte[] build();
    }

    private static void failsWith1007(Target t, Frames frames) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.mayBeCut(() -> c.raw(frames.build()));
            WsWire.expectFailure(c, 1007);
        }
    }

    /** @return {@code text} as a fragmented text message of one byte per frame */
    private static byte[] octetFragments(byte[] text) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            frames.add(WsWire.frame(i == text.length - 1, 0, i == 0 ? Opcodes.TEXT : Opcodes.CONTINUATION,
                    new byte[] {text[i]}));
        }
        return WsWire.concat(frames.toArray(byte[][]::new));
    }

    private static Sample valid(String text) {
        return new Sample(true, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Sample> hexes(boolean valid, String... hex) {
        return Arrays.stream(hex).map(h -> new Sample(valid, WsWire.hex(h))).toList();
    }

    /** @return the bytes {@code from} to {@code to - 1} in hex, each followed by {@code after} */
    private static String range(int from, int to, String after) {
        StringBuilder sb = new StringBuilder();
        for (int b = from; b < to; b++) {
            sb.append(String.format("%02x", b)).append(after);
        }
        return sb.toString();
    }

    /** Autobahn 6.22: U+FFFE, U+FFFF and the last two code points of planes 1-16, none of them overlong. */
    private static List<Sample> nonCharacters() {
        List<Sample> all = new ArrayList<>(hexes(true, "efbfbe", "efbfbf", "efb790", "efb7af"));
        for (String lead : List.of("f0", "f1", "f2", "f3", "f4")) {
            for (String second : List.of("8f", "9f", "af", "bf")) {
                if (lead.equals("f4") && !second.equals("8f") || lead.equals("f0") && second.equals("8f")) {
                    continue; // past U+10FFFF, or an overlong form of a BMP code point
                }
                all.add(new Sample(true, WsWire.hex(lead + second + "bfbe")));
                all.add(new Sample(true, WsWire.hex(lead + second + "bfbf")));
            }
        }
        return all;
    }
}
