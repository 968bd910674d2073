package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of {@link Headers} and the header byte rules, for arbitrary names and values. */
class HeadersPropertiesTest {

    record Field(String name, String value) {
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().alpha().numeric().withChars("!#$%&'*+-.^_`|~").ofMinLength(1).ofMaxLength(16);
    }

    /** Any ISO-8859-1 text without CR, LF or NUL: every byte a header value may hold. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withCharRange('\u0001', '\u00ff').excludeChars('\r', '\n').ofMaxLength(24);
    }

    @Provide
    Arbitrary<List<Field>> fields() {
        // Few distinct names, so repeats are common.
        Arbitrary<String> name = Arbitraries.oneOf(names(), Arbitraries.of("Set-Cookie", "set-cookie", "X-A", "x-a"));
        return Combinators.combine(name, values()).as(Field::new).list().ofMaxSize(12);
    }

    private static Headers build(List<Field> fields) {
        String[] pairs = new String[fields.size() * 2];
        for (int i = 0; i < fields.size(); i++) {
            pairs[2 * i] = fields.get(i).name();
            pairs[2 * i + 1] = fields.get(i).value();
        }
        return Headers.of(pairs);
    }

    @Property(tries = 300)
    void keepsEveryFieldInOrderWithLowerCaseNames(@ForAll("fields") List<Field> fields) {
        Headers h = build(fields);
        assertEquals(fields.size(), h.size());
        assertEquals(fields.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList(),
                h.stream().map(Header::name).toList());
        assertEquals(fields.stream().map(Field::value).toList(), h.stream().map(Header::text).toList());
    }

    @Property(tries = 300)
    void allFindsEveryValueOfANameInOrderWhateverItsCase(@ForAll("fields") List<Field> fields) {
        Headers h = build(fields);
        for (Field f : fields) {
            List<String> expected = fields.stream().filter(g -> g.name().equalsIgnoreCase(f.name()))
                    .map(Field::value).toList();
            assertEquals(expected, h.all(f.name().toUpperCase(Locale.ROOT)));
            assertEquals(expected.get(0), h.first(f.name()).orElseThrow());
        }
    }

    @Property(tries = 300)
    void builderAndPairsAndListAgree(@ForAll("fields") List<Field> fields) {
        Headers.Builder b = Headers.builder();
        fields.forEach(f -> b.add(f.name(), f.value()));
        Headers fromPairs = build(fields);
        assertEquals(fromPairs, b.build());
        assertEquals(fromPairs, Headers.of(fromPairs.list()));
    }

    @Property(tries = 300)
    void withoutRemovesExactlyTheFieldsOfThatName(@ForAll("fields") List<Field> fields, @ForAll("names") String name) {
        Headers h = build(fields).without(name);
        assertEquals(fields.stream().filter(f -> !f.name().equalsIgnoreCase(name)).count(), h.size());
        assertTrue(h.all(name).isEmpty());
    }

    @Property(tries = 500)
    void rejectsAnyValueHoldingCrLfOrNulNamingTheFirstOffset(@ForAll("names") String name,
            @ForAll("values") String before, @ForAll("forbidden") char bad, @ForAll("anyLatin1") String after) {
        String value = before + bad + after;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Header.of(name, value));
        int first = before.length();
        int firstByte = value.charAt(first);
        assertTrue(e.getMessage().contains("forbidden byte 0x%02X at offset %d".formatted(firstByte, first)),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Headers.of("ok", "fine", name, value));
    }

    @Provide
    Arbitrary<Character> forbidden() {
        return Arbitraries.of('\r', '\n', '\u0000');
    }

    @Provide
    Arbitrary<String> anyLatin1() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12);
    }
}
