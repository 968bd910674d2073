package org.pagi.testing.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

class MultipartTest {
    private static final String CONTENT_TYPE = "multipart/form-data; boundary=XyZ";

    private static Multipart fixed(Multipart.Builder builder) {
        return builder.boundary("fixed-for-tests").build();
    }

    private static IllegalArgumentException parseFails(String contentType, String body) {
        return assertThrows(IllegalArgumentException.class,
                () -> MultipartParser.parse(contentType, Bytes.latin1(body)));
    }

    @Nested
    class Encoding {
        @Test
        void writesFieldsAndFilesAsRfc7578Describes() {
            Multipart m = fixed(Multipart.builder()
                    .field("title", "Hello")
                    .file("upload", "a.txt", "text/plain", Bytes.utf8("line 1\r\nline 2")));
            String expected = """
                    --fixed-for-tests\r
                    Content-Disposition: form-data; name="title"\r
                    \r
                    Hello\r
                    --fixed-for-tests\r
                    Content-Disposition: form-data; name="upload"; filename="a.txt"\r
                    Content-Type: text/plain\r
                    \r
                    line 1\r
                    line 2\r
                    --fixed-for-tests--\r
                    """;
            assertEquals(Bytes.utf8(expected), m.body());
        }

        @Test
        void namesTheBoundaryInTheContentType() {
            Multipart m = fixed(Multipart.builder().field("a", "b"));
            assertAll(() -> assertEquals("multipart/form-data; boundary=fixed-for-tests", m.contentType()),
                    () -> assertEquals("fixed-for-tests", m.boundary()));
        }

        @Test
        void givesAFileWithoutContentTypeApplicationOctetStream() {
            Multipart m = fixed(Multipart.builder().file("f", "data.bin", Bytes.of(new byte[] {0, 1, 2})));
            assertEquals(Optional.of("application/octet-stream"), m.parts().get(0).contentType());
            assertTrue(m.body().latin1().contains("\r\nContent-Type: application/octet-stream\r\n\r\n\0\1\2\r\n"));
        }

        @Test
        void escapesQuotesCarriageReturnsAndLineFeedsInNamesAndFilenames() {
            Multipart m = fixed(Multipart.builder()
                    .file("a\"b\r\nc", "x\"y\nz.txt", "text/plain", Bytes.utf8("!")));
            assertTrue(m.body().utf8().contains(
                    "Content-Disposition: form-data; name=\"a%22b%0D%0Ac\"; filename=\"x%22y%0Az.txt\"\r\n"));
        }

        @Test
        void leavesPercentSignsBackslashesAndSemicolonsInNamesAlone() {
            Multipart m = fixed(Multipart.builder().file("100%;x", "C:\\dir\\f.txt", Bytes.empty()));
            assertTrue(m.body().utf8().contains("name=\"100%;x\"; filename=\"C:\\dir\\f.txt\""));
        }

        @Test
        void sendsNonAsciiNamesAndValuesAsUtf8() {
            Multipart m = fixed(Multipart.builder().field("名前", "値 ü").file("f", "résumé.pdf", Bytes.empty()));
            String body = m.body().utf8();
            assertAll(() -> assertTrue(body.contains("name=\"名前\"\r\n\r\n値 ü\r\n")),
                    () -> assertTrue(body.contains("filename=\"résumé.pdf\"")));
        }

        @Test
        void keepsFieldsInOrderWithRepeatedNames() {
            Multipart m = fixed(Multipart.builder().field("x", "1").field("y", "2").field("x", "3"));
            assertEquals(List.of("x=1", "y=2", "x=3"),
                    m.parts().stream().map(p -> p.name() + "=" + p.content().utf8()).toList());
        }

        @Test
        void writesOnlyTheClosingDelimiterWhenThereAreNoParts() {
            assertEquals(Bytes.ascii("--fixed-for-tests--\r\n"), fixed(Multipart.builder()).body());
        }

        @Test
        void dropsWhitespaceAroundAFileContentType() {
            Multipart m = fixed(Multipart.builder().file("f", "a", " text/csv ", Bytes.empty()));
            assertEquals(Optional.of("text/csv"), m.parts().get(0).contentType());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "text/plain\r\nX-Evil: 1", "tëxt/plain"})
        void rejectsAFileContentTypeThatCouldBreakTheHeader(String contentType) {
            assertThrows(IllegalArgumentException.class,
                    () -> Multipart.builder().file("f", "a", contentType, Bytes.empty()));
        }

        @Test
        void rejectsANulInAName() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Multipart.builder().field("a\0b", "v"));
            assertTrue(e.getMessage().contains("0x00"), e.getMessage());
        }

        @Test
        void isImmutableOnceBuilt() {
            Multipart.Builder builder = Multipart.builder().boundary("b").field("a", "1");
            Multipart first = builder.build();
            builder.field("b", "2");
            assertAll(() -> assertEquals(1, first.parts().size()),
                    () -> assertThrows(UnsupportedOperationException.class, () -> first.parts().clear()));
        }
    }

    @Nested
    class Boundaries {
        @ParameterizedTest
        @ValueSource(strings = {"", "ends-with-space ", "semi;colon", "quote\"", "new\nline", "ümlaut",
            "12345678901234567890123456789012345678901234567890123456789012345678901"})
        void rejectsABoundaryRfc2046DoesNotAllow(String boundary) {
            assertThrows(IllegalArgumentException.class, () -> Multipart.builder().boundary(boundary));
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "'()+_,-./:=? x",
            "1234567890123456789012345678901234567890123456789012345678901234567890"})
        void acceptsAnyRfc2046Boundary(String boundary) {
            Multipart m = Multipart.builder().boundary(boundary).field("a", "b").build();
            assertEquals(List.of("a"), MultipartParser.parse(m.contentType(), m.body()).stream()
                    .map(MultipartParser.Part::name).toList());
        }

        @Test
        void generatesALongRandomAlphanumericBoundary() {
            Multipart one = Multipart.builder().field("a", "b").build();
            Multipart two = Multipart.builder().field("a", "b").build();
            assertAll(() -> assertTrue(one.boundary().matches("[A-Za-z0-9]{30,}"), one.boundary()),
                    () -> assertNotEquals(one.boundary(), two.boundary()));
        }

        @Test
        void regeneratesABoundaryThatOccursInTheContent() {
            Deque<String> candidates = new ArrayDeque<>(List.of("Collide", "AlsoCollides", "Fresh"));
            Multipart m = Multipart.builder()
                    .field("a", "text with Collide inside")
                    .file("f", "f", Bytes.ascii("AlsoCollides"))
                    .boundarySource(candidates::removeFirst)
                    .build();
            assertAll(() -> assertEquals("Fresh", m.boundary()), () -> assertTrue(candidates.isEmpty()));
        }

        @Test
        void rejectsAFixedBoundaryThatOccursInTheContent() {
            Multipart.Builder builder = Multipart.builder()
                    .field("ok", "fine")
                    .file("f", "a.txt", Bytes.ascii("xx--fixed-for-testsxx"))
                    .boundary("fixed-for-tests");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
            assertEquals("boundary occurs in the content of part 1 (field 'f')", e.getMessage());
        }
    }

    @Nested
    class Parsing {
        @Test
        void readsAPartAsABrowserSendsIt() {
            String body = "--XyZ\r\n"
                    + "Content-Disposition: form-data; name=\"doc\"; filename=\"C:\\Users\\me\\a b.txt\"\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "\r\n"
                    + "hi\r\n"
                    + "--XyZ--\r\n";
            MultipartParser.Part part = MultipartParser.parse(CONTENT_TYPE, Bytes.latin1(body)).get(0);
            Headers headers = Headers.of(
                    "content-disposition", "form-data; name=\"doc\"; filename=\"C:\\Users\\me\\a b.txt\"",
                    "content-type", "text/plain; charset=utf-8");
            assertEquals(new MultipartParser.Part("doc", Optional.of("C:\\Users\\me\\a b.txt"),
                    Optional.of("text/plain; charset=utf-8"), headers, Bytes.ascii("hi")), part);
        }

        @Test
        void ignoresPreambleEpilogueAndTransportPadding() {
            String body = "preamble\r\n--XyZ  \t\r\n"
                    + "Content-Disposition: form-data; name=a\r\n\r\n1\r\n"
                    + "--XyZ--\r\nepilogue --XyZ\r\n";
            assertEquals(List.of("a"), names(MultipartParser.parse(CONTENT_TYPE, Bytes.latin1(body))));
        }

        @Test
        void readsAQuotedBoundaryAndParametersInAnyCase() {
            String body = "--a:b\r\ncontent-disposition: FORM-DATA; NAME=\"x\"\r\n\r\n\r\n--a:b--";
            List<MultipartParser.Part> parts = MultipartParser.parse("Multipart/Form-Data; Boundary=\"a:b\"",
                    Bytes.latin1(body));
            assertAll(() -> assertEquals(List.of("x"), names(parts)),
                    () -> assertEquals(Bytes.empty(), parts.get(0).content()),
                    () -> assertEquals(Optional.empty(), parts.get(0).filename()),
                    () -> assertEquals(Optional.empty(), parts.get(0).contentType()));
        }

        @Test
        void keepsCrLfAndDashesThatDoNotFormADelimiter() {
            // Content may not start with --XyZ: the CRLF before it, ending the headers, would make it a delimiter.
            String content = "x--XyZ not after CRLF\r\n-\r\n--Xy\r\n\r\n--X";
            String body = "--XyZ\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\n" + content + "\r\n--XyZ--\r\n";
            assertEquals(Bytes.latin1(content),
                    MultipartParser.parse(CONTENT_TYPE, Bytes.latin1(body)).get(0).content());
        }

        @Test
        void endsAPartAtTheFirstCrLfDashDashBoundary() {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\nearly\r\n--XyZ\r\n"
                    + "Content-Disposition: form-data; name=\"d\"\r\n\r\nlate\r\n--XyZ--\r\n";
            List<MultipartParser.Part> parts = MultipartParser.parse(CONTENT_TYPE, Bytes.latin1(body));
            assertEquals(List.of("early", "late"), parts.stream().map(p -> p.content().latin1()).toList());
        }

        @Test
        void quotesABoundaryThatIsNotAToken() {
            assertEquals("multipart/form-data; boundary=\"a:b c\"",
                    Multipart.builder().boundary("a:b c").build().contentType());
        }

        @Test
        void undoesTheBrowserEscapesOfNamesOnly() {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a%22b%0D%0Ac%2522\"\r\n\r\n\r\n--XyZ--";
            assertEquals(List.of("a\"b\r\nc%2522"), names(MultipartParser.parse(CONTENT_TYPE, Bytes.latin1(body))));
        }

        @Test
        void rejectsAContentTypeWithoutBoundary() {
            IllegalArgumentException e = parseFails("multipart/form-data; charset=utf-8", "--XyZ--");
            assertEquals("multipart content type has no boundary parameter", e.getMessage());
        }

        @Test
        void rejectsAnEmptyBoundary() {
            assertEquals("multipart content type has no boundary parameter",
                    parseFails("multipart/form-data; boundary=\"\"", "----").getMessage());
        }

        @Test
        void rejectsAContentTypeThatIsNotMultipart() {
            assertEquals("content type is not multipart/*",
                    parseFails("application/x-www-form-urlencoded; boundary=XyZ", "").getMessage());
        }

        @Test
        void rejectsABodyWithoutOpeningDelimiter() {
            assertEquals("multipart body has no opening delimiter --XyZ",
                    parseFails(CONTENT_TYPE, "just text").getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "--XyZ",
            "--XyZ\r\n",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\n"
        })
        void rejectsABodyWithoutClosingDelimiter(String body) {
            assertEquals("multipart body is missing its closing delimiter --XyZ--",
                    parseFails(CONTENT_TYPE, body).getMessage());
        }

        @Test
        void rejectsAPartWithoutContentDisposition() {
            String body = "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n";
            assertEquals("part 0 has no Content-Disposition header", parseFails(CONTENT_TYPE, body).getMessage());
        }

        @Test
        void rejectsAPartWithoutAnyHeaders() {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ\r\n\r\nx\r\n--XyZ--";
            assertEquals("part 1 has no Content-Disposition header", parseFails(CONTENT_TYPE, body).getMessage());
        }

        @Test
        void rejectsAContentDispositionWithoutName() {
            String body = "--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--XyZ--";
            assertEquals("part 0 Content-Disposition has no name parameter",
                    parseFails(CONTENT_TYPE, body).getMessage());
        }

        @Test
        void rejectsADispositionOtherThanFormData() {
            String body = "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--";
            assertTrue(parseFails(CONTENT_TYPE, body).getMessage().contains("is not form-data"));
        }

        @Test
        void rejectsHeadersWithoutTheirBlankLine() {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n--XyZ--";
            assertEquals("part 0 has no blank line after its headers", parseFails(CONTENT_TYPE, body).getMessage());
        }

        @Test
        void rejectsAMalformedHeaderLine() {
            String body = "--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--";
            assertTrue(parseFails(CONTENT_TYPE, body).getMessage().contains("header line"));
        }

        @Test
        void rejectsGarbageAfterADelimiter() {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZjunk\r\n--XyZ--";
            assertEquals("delimiter before part 1 is not followed by CRLF",
                    parseFails(CONTENT_TYPE, body).getMessage());
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void givesBackEveryPartWithItsHeaders() {
            Multipart m = Multipart.builder()
                    .field("plain", "value")
                    .field("名前 \"quoted\"\r\nnext", "値\r\n--not a boundary")
                    .file("upload", "dir\\a\"b\".txt", "image/png", Bytes.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                    .file("empty", "", Bytes.empty())
                    .build();
            List<MultipartParser.Part> parsed = MultipartParser.parse(m.contentType(), m.body());
            assertAll(() -> assertEquals(m.parts(), parsed),
                    () -> assertEquals(List.of("plain", "名前 \"quoted\"\r\nnext", "upload", "empty"), names(parsed)),
                    () -> assertEquals(Optional.of("dir\\a\"b\".txt"), parsed.get(2).filename()),
                    () -> assertEquals(Optional.of(""), parsed.get(3).filename()));
        }

        @Test
        void givesBackNothingForAnEmptyMultipart() {
            Multipart m = Multipart.builder().build();
            assertEquals(List.of(), MultipartParser.parse(m.contentType(), m.body()));
        }
    }

    @Property(tries = 200)
    void parsingAnEncodedBodyGivesBackArbitraryFileContents(@ForAll("contents") List<byte[]> contents) {
        Multipart.Builder builder = Multipart.builder();
        for (int i = 0; i < contents.size(); i++) {
            builder.file("file" + i, "f" + i + ".bin", Bytes.of(contents.get(i)));
        }
        Multipart m = builder.build();
        List<MultipartParser.Part> parsed = MultipartParser.parse(m.contentType(), m.body());
        assertEquals(m.parts(), parsed);
        for (int i = 0; i < contents.size(); i++) {
            assertEquals(Bytes.of(contents.get(i)), parsed.get(i).content());
        }
    }

    @Property(tries = 200)
    void parsingAnEncodedBodyGivesBackArbitraryNamesAndValues(@ForAll("names") String name,
                                                              @ForAll("names") String filename,
                                                              @ForAll("names") String value) {
        Multipart m = Multipart.builder().boundary("fixed--boundary").field(name, value + "\r\n")
                .file(name, filename, Bytes.utf8(value)).build();
        assertEquals(m.parts(), MultipartParser.parse(m.contentType(), m.body()));
    }

    @Property(tries = 100)
    void aGeneratedBoundaryNeverOccursInTheContent(@ForAll("contents") List<byte[]> contents) {
        Multipart.Builder builder = Multipart.builder();
        contents.forEach(c -> builder.file("f", "f", Bytes.of(c)));
        Multipart m = builder.build();
        for (byte[] c : contents) {
            assertFalse(Bytes.of(c).latin1().contains(m.boundary()));
        }
    }

    @Provide
    Arbitrary<List<byte[]>> contents() {
        Arbitrary<Byte> framing = Arbitraries.of((byte) '\r', (byte) '\n', (byte) '-');
        return Arbitraries.oneOf(Arbitraries.bytes(), framing).list().ofMaxSize(200)
                .map(MultipartTest::toArray).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> tricky = Arbitraries.strings().ascii().withChars("\"\r\n;=\\ ").ofMaxLength(10)
                .filter(s -> s.indexOf('\0') < 0 && s.indexOf('%') < 0);
        Arbitrary<String> unicode = Arbitraries.integers().between(1, Character.MAX_CODE_POINT)
                .filter(cp -> (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) && cp != '%')
                .map(Character::toString)
                .list().ofMaxSize(6).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(tricky, unicode);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private static List<String> names(List<MultipartParser.Part> parts) {
        return parts.stream().map(MultipartParser.Part::name).toList();
    }

    @Test
    void exposesTheDefaultsItDocuments() {
        assertAll(() -> assertEquals("multipart/form-data", Multipart.MEDIA_TYPE),
                () -> assertEquals("application/octet-stream", Multipart.DEFAULT_FILE_TYPE));
    }
}
