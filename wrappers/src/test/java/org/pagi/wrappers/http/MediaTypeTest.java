package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypeTest {

    @Test
    void parsesTypeSubtypeAndParametersLowerCasingNames() {
        MediaType t = MediaType.parse("Text/HTML ; Charset=\"UTF-8\";level=1");
        assertEquals("text", t.type());
        assertEquals("html", t.subtype());
        assertEquals("text/html", t.essence());
        assertEquals(Map.of("charset", "UTF-8", "level", "1"), t.parameters());
        assertEquals(Optional.of("utf-8"), t.charset());
        assertEquals(Optional.of("1"), t.parameter("LEVEL"));
        assertEquals(Optional.empty(), MediaType.parse("application/json").charset());
    }

    @Test
    void quotedValuesMayHoldSeparatorsAndEscapes() {
        MediaType t = MediaType.parse("multipart/form-data; boundary=\"a;b,c\\\"d\"");
        assertEquals(Optional.of("a;b,c\"d"), t.parameter("boundary"));
        assertEquals("multipart/form-data;boundary=\"a;b,c\\\"d\"", t.toString());
        assertEquals(t, MediaType.parse(t.toString()));
    }

    @Test
    void emptyParametersAreSkippedAndARepeatedOneKeepsItsFirstValue() {
        assertEquals(Map.of("a", "1"), MediaType.parse("x/y;;a=1; a=2;").parameters());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text           | no '/'",
            "text/          | tokens",
            "/html          | tokens",
            "te xt/html     | tokens",
            "*/html         | wildcard",
            "text/html; a   | name=value",
            "text/html; =1  | name=value",
            "text/html; a=\"x | unterminated",
            "text/html; a=\"x\"y | after a quoted",
            "text/html; a=b c | neither a token",
    })
    void rejectsMalformedTypesNamingTheProblem(String text, String problem) {
        MediaTypeParseException e = assertThrows(MediaTypeParseException.class, () -> MediaType.parse(text));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void rangesIncludeTypesByWildcardAndParameters() {
        MediaType json = MediaType.parse("application/json; charset=utf-8");
        assertTrue(MediaType.parse("*/*").includes(json));
        assertTrue(MediaType.parse("application/*").includes(json));
        assertTrue(MediaType.parse("application/json").includes(json));
        assertTrue(MediaType.parse("application/json;charset=UTF-8").includes(json));
        assertFalse(MediaType.parse("application/json;charset=latin1").includes(json));
        assertFalse(MediaType.parse("text/*").includes(json));
        assertTrue(MediaType.parse("text/*").isWildcard());
    }
}
