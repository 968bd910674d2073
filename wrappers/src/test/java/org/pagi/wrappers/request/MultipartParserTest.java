package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;

class MultipartParserTest {

    private static List<ParsedPart> parse(String body) {
        return ParsedPart.parse("XyZ", List.of(Bytes.latin1(body)));
    }

    @Test
    void readsFieldsAndFilesIgnoringPreambleEpilogueAndPadding() {
        List<ParsedPart> parts = parse("preamble --XyZ not a delimiter\r\n--XyZ \t\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\none\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"C:\\dir\\x.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n\r\n--XyZ--\r\nepilogue --XyZ\r\n");
        assertEquals(List.of(
                new ParsedPart("a", Optional.empty(), Optional.empty(), Bytes.utf8("one")),
                new ParsedPart("f", Optional.of("C:\\dir\\x.txt"), Optional.of("text/plain"),
                        Bytes.utf8("line1\r\nline2\r\n"))), parts);
    }

    @Test
    void aDelimiterAtTheVeryStartAndAnEmptyPartWork() {
        assertEquals(List.of(new ParsedPart("e", Optional.empty(), Optional.empty(), Bytes.of(new byte[0]))),
                parse("--XyZ\r\nContent-Disposition: form-data; name=e\r\n\r\n\r\n--XyZ--"));
    }

    @Test
    void headersAreUtf8AndFilenameStarWins() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"caf\u00c3\u00a9\"; filename=\"a.txt\"; "
                + "filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\nx\r\n--XyZ--";
        ParsedPart part = parse(body).get(0);
        assertEquals("café", part.name());
        assertEquals(Optional.of("€ rates.txt"), part.filename());
    }

    @Test
    void malformedBodiesFailWithBadRequestNamingTheRule() {
        assertMessage("closing boundary", "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx");
        assertMessage("no boundary found", "no delimiter here");
        assertMessage("Content-Disposition", "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--");
        assertMessage("no name", "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--");
        assertMessage("expected form-data", "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--XyZ--");
        assertMessage("CRLF", "--XyZjunk\r\n\r\n--XyZ--");
        assertMessage("header line", "--XyZ\r\nno colon\r\n\r\nx\r\n--XyZ--");
        String huge = "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Pad: " + "p".repeat(9000) + "\r\n\r\n";
        assertMessage("exceed 8192 bytes", huge);
    }

    private static void assertMessage(String expected, String body) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> parse(body));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(400, e.status());
    }

    @Test
    void theBoundaryComesFromTheContentType() {
        assertEquals("a b", MultipartParser.boundaryOf(Optional.of("multipart/form-data; boundary=\"a b\"")));
        assertEquals(415, assertThrows(UnsupportedMediaTypeException.class,
                () -> MultipartParser.boundaryOf(Optional.of("text/plain"))).status());
        assertEquals(415, assertThrows(UnsupportedMediaTypeException.class,
                () -> MultipartParser.boundaryOf(Optional.empty())).status());
        assertTrue(assertThrows(BadRequestException.class,
                () -> MultipartParser.boundaryOf(Optional.of("multipart/form-data"))).getMessage()
                .contains("no boundary"));
        for (String bad : List.of("\"\"", "x".repeat(71), "\"ends \"", "semi\u00e9")) {
            assertThrows(BadRequestException.class,
                    () -> MultipartParser.boundaryOf(Optional.of("multipart/form-data; boundary=" + bad)), bad);
        }
    }

    @Test
    void filenamesAreSanitisedForPaths() {
        assertEquals("x.txt", UploadedFile.sanitise("C:\\dir\\x.txt"));
        assertEquals("passwd", UploadedFile.sanitise("../../etc/passwd"));
        assertEquals("upload", UploadedFile.sanitise(".."));
        assertEquals("upload", UploadedFile.sanitise(""));
        assertEquals("ab", UploadedFile.sanitise("a\u0000b"));
    }
}
