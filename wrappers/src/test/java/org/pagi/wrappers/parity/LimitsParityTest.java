package org.pagi.wrappers.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Bytes;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.parity.Driver.HttpCall;
import org.pagi.wrappers.parity.Driver.WsStep;

/**
 * Every limit of the wrappers crossed through {@link ParityApp} under the test client and under the real server:
 * the same status (or close code) and message, and nothing left in the upload directory after each one. The
 * limits are the defaults ({@link org.pagi.wrappers.request.BodyLimits#DEFAULTS}, 1000 query parameters, the
 * 8 KiB part header block, 1 MiB WebSocket messages) except one file, lowered to 512 KiB (see
 * {@link ParityApp#limits}).
 */
@Timeout(60)
class LimitsParityTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void everyLimitAnswersWithItsStatusUnderBothAndLeavesNothingOnDisk() throws Exception {
        Path uploads = Files.createDirectory(dir.resolve("uploads"));
        Path files = Files.createDirectory(dir.resolve("files"));
        Scenario.compareUnderBoth(uploads, files, Scenario.forBothModes(mode -> limits(mode, uploads)));
        assertEquals(List.of(), Scenario.left(uploads), "the upload directory after both runs");
    }

    private static List<Scenario> limits(String m, Path uploads) {
        String p = "/" + m;
        String tooManyFields = "f=1" + "&f=1".repeat(1000);
        Multipart.Builder files = Multipart.builder();
        for (int i = 0; i <= 100; i++) {
            files.file("f" + i, "f" + i + ".txt", Bytes.utf8("x"));
        }
        Multipart manyFiles = files.build();
        Multipart longField = Multipart.builder().field("essay", "e".repeat(MIB + 1)).build();
        Multipart bigFile = Multipart.builder().field("note", "n")
                .file("upload", "big.bin", Bytes.of(new byte[512 * 1024 + 1])).build();
        String pad = "a".repeat(9 * 1024);
        Bytes hugeHeaders = Bytes.utf8("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nX-Pad: " + pad
                + "\r\n\r\nvalue\r\n--XyZ--\r\n");
        String query = "a=1" + "&a=1".repeat(1000);
        // One byte over: whatever chunks the body arrives in, the one crossing the limit ends the body, so the
        // message ("at least N bytes sent") is the same under both.
        Bytes overLimit = Bytes.utf8("\"" + "x".repeat(MIB - 1) + "\"");
        return List.of(
                http(m + " body over 1 MiB", "status=413", uploads, HttpCall.of("POST", p + "/json")
                        .body(overLimit, "application/json")),
                http(m + " streamed body over 1 MiB", "at least", uploads, HttpCall.of("POST", p + "/json")
                        .body(overLimit, "application/json").inChunks()),
                http(m + " more than 1000 fields", "more than 1000 fields (maxFields)", uploads,
                        HttpCall.of("POST", p + "/form")
                        .body(Bytes.utf8(tooManyFields), "application/x-www-form-urlencoded")),
                http(m + " more than 100 files", "more than 100 files", uploads, HttpCall.of("POST", p + "/upload")
                        .body(manyFiles.body(), manyFiles.contentType())),
                http(m + " text field over 1 MiB", "status=413", uploads, HttpCall.of("POST", p + "/upload")
                        .body(longField.body(), longField.contentType())),
                http(m + " spilled file over its limit", "status=413", uploads, HttpCall.of("POST", p + "/upload")
                        .body(bigFile.body(), bigFile.contentType())),
                http(m + " part header block over 8 KiB", "status=400", uploads, HttpCall.of("POST", p + "/upload")
                        .body(hugeHeaders, "multipart/form-data; boundary=XyZ")),
                http(m + " malformed JSON", "column", uploads, HttpCall.of("POST", p + "/json")
                        .body(Bytes.utf8("{\"a\": [1,\n  }"), "application/json")),
                http(m + " JSON with another type", "status=415", uploads, HttpCall.of("POST", p + "/json")
                        .body(Bytes.utf8("{}"), "text/plain")),
                http(m + " form with another type", "status=415", uploads, HttpCall.of("POST", p + "/form")
                        .body(Bytes.utf8("a=1"), "application/json")),
                http(m + " multipart with another type", "status=415", uploads, HttpCall.of("POST", p + "/upload")
                        .body(Bytes.utf8("a=1"), "application/x-www-form-urlencoded")),
                http(m + " more than 1000 query parameters", "status=400", uploads,
                        HttpCall.of("GET", p + "/query?" + query)),
                new Scenario(m + " websocket message over 1 MiB", "close 1009 message too big",
                        d -> d.websocket("/ws/" + m, List.of(new WsStep.Receive(), new WsStep.Send("m".repeat(MIB + 1)),
                                new WsStep.ExpectClose(1009)))),
                new Scenario(m + " sse event name with a line break", "status=400",
                        d -> d.sse("/sse/" + m + "?bad=event", Optional.empty())),
                new Scenario(m + " sse id with a line break", "status=400",
                        d -> d.sse("/sse/" + m + "?bad=id", Optional.empty())));
    }

    /** The answer, and what the upload directory holds right after it (a failed read deletes before answering). */
    private static Scenario http(String name, String expect, Path uploads, HttpCall call) {
        return new Scenario(name, expect, d -> List.of(d.http(call), "left on disk: " + Scenario.left(uploads)));
    }
}
