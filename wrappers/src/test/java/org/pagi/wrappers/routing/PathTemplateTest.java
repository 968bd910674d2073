package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    @Test
    void readsLiteralsTypedRegexPlainAndWildcardSegments() {
        PathTemplate t = PathTemplate.parse("/users/{id:int}/posts/{slug}/{code:[a-z]{2}}/:x/{*rest}");
        assertEquals(List.of("id", "slug", "code", "x", "rest"), t.names());
        assertEquals(new Segment.Literal("users"), t.segments().get(0));
        assertTrue(t.segments().get(1) instanceof Segment.Param p && p.type() instanceof ParamType.IntType);
        assertTrue(t.segments().get(4) instanceof Segment.Param p && p.type() instanceof ParamType.RegexType);
        assertEquals(new Segment.Wildcard("rest"), t.segments().get(6));
        assertEquals(new Segment.Wildcard("path"), PathTemplate.parse("/files/*path").segments().get(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "users           | 0 | starts with '/'",
            "/a//b           | 3 | empty segment",
            "/a/{id          | 6 | not closed",
            "/a/id}          | 5 | without '{'",
            "/a/x{id}        | 4 | whole segment",
            "/a/{id}x        | 3 | whole segment",
            "/a/{}           | 4 | missing parameter name",
            "/a/{i-d}        | 5 | letters, digits",
            "/a/{id:}        | 7 | empty parameter type",
            "/a/{id:[a-}     | 7 | bad regex",
            "/a/{*rest}/b    | 10 | follow a wildcard",
            "/a/{id}/{id:int} | 8 | appears twice",
    })
    void rejectsBadTemplatesNamingThePosition(String template, int position, String problem) {
        InvalidTemplateException e = assertThrows(InvalidTemplateException.class, () -> PathTemplate.parse(template));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("position " + position), e.getMessage());
    }

    @Test
    void regexMustMatchTheWholeSegmentAndItsGroupsCaptureNothing() {
        PathTemplate t = PathTemplate.parse("/v/{ver:(v)(\\d+)}");
        assertEquals(Optional.of(Map.of("ver", "v12")), t.match("/v/v12"));
        assertEquals(Optional.empty(), t.match("/v/xv12"));
        assertEquals(Optional.empty(), t.match("/v/v12x"));
    }

    @Test
    void typedParametersAcceptOnlyTheirForm() {
        PathTemplate t = PathTemplate.parse("/{n:int}/{u:uuid}");
        assertTrue(t.match("/-42/123e4567-e89b-12d3-a456-426614174000").isPresent());
        assertTrue(t.match("/4x/123e4567-e89b-12d3-a456-426614174000").isEmpty());
        assertTrue(t.match("/99999999999999999999/123e4567-e89b-12d3-a456-426614174000").isEmpty());
        assertTrue(t.match("/1/123e4567-e89b-12d3-a456-42661417400g").isEmpty());
    }

    @Test
    void wildcardTakesOneSegmentOrMoreWithSlashes() {
        PathTemplate t = PathTemplate.parse("/files/{*rest}");
        assertEquals(Optional.of(Map.of("rest", "a/b/c.txt")), t.match("/files/a/b/c.txt"));
        assertEquals(Optional.empty(), t.match("/files"));
        assertEquals(Optional.empty(), t.match("/files/"));
    }

    @Test
    void expandPercentEncodesSegmentsAndChecksTypes() {
        PathTemplate t = PathTemplate.parse("/users/{id:int}/{name}/{*rest}");
        assertEquals("/users/7/J%C3%B6rg%20M/a%3Fb/c", t.expand(Map.of("id", 7, "name", "Jörg M", "rest", "a?b/c")));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> t.expand(Map.of("id", "seven", "name", "x", "rest", "r")));
        assertTrue(wrongType.getMessage().contains("'id'"), wrongType.getMessage());
        IllegalArgumentException slash = assertThrows(IllegalArgumentException.class,
                () -> t.expand(Map.of("id", 1, "name", "a/b", "rest", "r")));
        assertTrue(slash.getMessage().contains("'name'"), slash.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> t.expand(Map.of("id", 1)));
        assertTrue(missing.getMessage().contains("[name, rest]"), missing.getMessage());
    }

    @Test
    void rootTemplateHasNoSegmentsAndExpandsToSlash() {
        PathTemplate root = PathTemplate.parse("/");
        assertEquals(List.of(), root.segments());
        assertEquals("/", root.expand(Map.of()));
        assertTrue(root.match("/").isPresent());
        assertTrue(root.match("/x").isEmpty());
    }
}
