package org.pagi.wrappers.request;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Assertions;
import org.pagi.spec.Bytes;
import org.pagi.testing.http.Multipart;

/** Any split of a valid body parses to the parts it was built from; any bytes give parts or a 400. */
class MultipartParserProperties {

    @Property(tries = 300)
    void anySplitPointGivesTheSameParts(
            @ForAll @Size(max = 4) List<@AlphaChars @StringLength(min = 1, max = 8) String> names,
            @ForAll @Size(max = 4) List<@Size(max = 300) byte[]> contents,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 2000) Integer> cuts) {
        Multipart.Builder builder = Multipart.builder();
        List<ParsedPart> expected = new ArrayList<>();
        for (int i = 0; i < Math.min(names.size(), contents.size()); i++) {
            Bytes content = Bytes.of(contents.get(i));
            if (i % 2 == 0) {
                builder.file(names.get(i), names.get(i) + ".bin", content);
                expected.add(new ParsedPart(names.get(i), java.util.Optional.of(names.get(i) + ".bin"),
                        java.util.Optional.of(Multipart.DEFAULT_FILE_TYPE), content));
            } else {
                String text = new String(contents.get(i), java.nio.charset.StandardCharsets.ISO_8859_1);
                builder.field(names.get(i), text);
                expected.add(new ParsedPart(names.get(i), java.util.Optional.empty(), java.util.Optional.empty(),
                        Bytes.utf8(text)));
            }
        }
        Multipart multipart;
        try {
            multipart = builder.build();
        } catch (IllegalArgumentException e) {
            return;     // the random boundary occurred in a content; the builder refuses such a body
        }
        byte[] body = multipart.body().toByteArray();
        Assertions.assertEquals(expected, ParsedPart.parse(multipart.boundary(), Pieces.split(body, cuts)));
        Assertions.assertEquals(expected, ParsedPart.parse(multipart.boundary(), List.of(Bytes.of(body))));
    }

    @Property(tries = 1000)
    void anyBytesGiveAResultOrTheParsersOwnException(@ForAll @Size(max = 400) byte[] tail,
            @ForAll @IntRange(min = 0, max = 2) int prefix, @ForAll boolean closed,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 500) Integer> cuts) {
        String head = List.of("", "--b\r\n", "--b\r\nContent-Disposition: form-data; name=x\r\n\r\n").get(prefix);
        byte[] start = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] end = closed ? "\r\n--b--".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : new byte[0];
        byte[] body = new byte[start.length + tail.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(tail, 0, body, start.length, tail.length);
        System.arraycopy(end, 0, body, start.length + tail.length, end.length);
        try {
            ParsedPart.parse("b", Pieces.split(body, cuts));
        } catch (BadRequestException expected) {
            Assertions.assertFalse(expected.getMessage().isEmpty());
        }
    }
}
