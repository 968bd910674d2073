package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.pagi.spec.Bytes;
import org.pagi.testing.http.FormEncoder;

class QueryParamsProperties {

    @Property
    void anyBytesGiveParamsOrTheParsersOwnException(@ForAll byte[] raw, @ForAll DecodeMode mode) {
        try {
            QueryParams q = QueryParams.parse(Bytes.of(raw), mode, 5);
            q.asMap();
        } catch (MalformedQueryException e) {
            assertEquals(DecodeMode.STRICT, mode, "only strict mode rejects input");
        } catch (TooManyParametersException e) {
            assertEquals(5, e.limit());
        }
    }

    @Property
    void replaceModeDecodesExactlyAsTheWhatwgFormParserOfTheTestClient(@ForAll byte[] raw) {
        // Both read invalid UTF-8 the WHATWG way: one U+FFFD per maximal invalid subpart.
        String rawText = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).replace(';', '&');
        Bytes body = Bytes.latin1(percentEncoded(raw) + "&" + rawText);
        assertEquals(FormEncoder.decode(body), QueryParams.parse(body, DecodeMode.REPLACE, Integer.MAX_VALUE).pairs());
    }

    private static String percentEncoded(byte[] raw) {
        StringBuilder out = new StringBuilder("k=");
        for (byte b : raw) {
            out.append('%').append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }

    @Property
    void queryCharactersGiveParamsInEveryModeButStrict(@ForAll("queryish") String query, @ForAll DecodeMode mode) {
        try {
            QueryParams.parse(Bytes.latin1(query), mode, 1000);
        } catch (MalformedQueryException e) {
            assertEquals(DecodeMode.STRICT, mode);
        }
    }

    @Property
    void encodedParamsParseBackInEveryDecodingMode(@ForAll("fields") List<Map.Entry<String, String>> fields) {
        String query = FormEncoder.encodeQuery(fields);
        assertEquals(fields, QueryParams.parse(query).pairs());
        assertEquals(fields, QueryParams.parse(Bytes.ascii(query), DecodeMode.STRICT, 1000).pairs());
    }

    @Property
    void rawModeKeepsEveryByte(@ForAll("fields") List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> latin1 = new ArrayList<>();
        for (Map.Entry<String, String> f : fields) {
            latin1.add(Map.entry(asLatin1(f.getKey()), asLatin1(f.getValue())));
        }
        assertEquals(latin1, QueryParams.parse(Bytes.ascii(FormEncoder.encodeQuery(fields)), DecodeMode.RAW, 1000).pairs());
    }

    private static String asLatin1(String s) {
        return Bytes.utf8(s).latin1();
    }

    @Provide
    Arbitrary<String> queryish() {
        return Arbitraries.strings().withChars("ab=&;%+2Fzé\u00ff").ofMaxLength(40);
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> fields() {
        // Non-empty names: an empty pair ("=") would be skipped. Valid Unicode only: FormEncoder replaces lone surrogates.
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        Arbitrary<Map.Entry<String, String>> field = net.jqwik.api.Combinators.combine(text.filter(s -> !s.isEmpty()), text).as(Map::entry);
        return field.list().ofMaxSize(8);
    }

    @Property
    void theLimitIsNeverExceeded(@ForAll @Size(max = 30) List<@net.jqwik.api.constraints.AlphaChars String> names) {
        String query = String.join("&", names);
        try {
            QueryParams q = QueryParams.parse(Bytes.ascii(query), DecodeMode.REPLACE, 10);
            assertEquals(names.stream().filter(n -> !n.isEmpty()).count(), q.size());
        } catch (TooManyParametersException e) {
            assertEquals(true, names.stream().filter(n -> !n.isEmpty()).count() > 10);
        }
    }
}
