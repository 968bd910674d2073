package org.pagi.wrappers.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;

class JsonTest {

    record User(int id, String name) {
    }

    @Test
    void encodesRecordsCollectionsAndNullInUtf8() {
        assertEquals("{\"id\":1,\"name\":\"Zoë\"}", Json.encode(new User(1, "Zoë")).utf8());
        assertEquals("[1,\"a\",null]", Json.encode(java.util.Arrays.asList(1, "a", null)).utf8());
        assertEquals("{\"k\":[true]}", Json.encode(Map.of("k", List.of(true))).utf8());
        assertEquals("null", Json.encode(null).utf8());
    }

    @Test
    void aValueJacksonCannotWriteIsNamed() {
        JsonEncodingException e = assertThrows(JsonEncodingException.class, () -> Json.encode(new Object()));
        assertTrue(e.getMessage().startsWith("cannot encode a java.lang.Object as JSON"), e.getMessage());
    }

    @Test
    void decodesIntoRecordsAndPlainTrees() {
        assertEquals(new User(2, "Zoë"), Json.decode(Bytes.utf8("{\"id\":2,\"name\":\"Zoë\"}"), User.class));
        assertEquals(Map.of("a", List.of(1, true)), Json.decode(Bytes.utf8("{\"a\":[1,true]}"), Object.class));
    }

    @Test
    void badJsonNamesLineAndColumn() {
        JsonDecodingException e = assertThrows(JsonDecodingException.class,
                () -> Json.decode(Bytes.utf8("{\n  \"id\": x}"), User.class));
        assertEquals(2, e.line());
        assertEquals(11, e.column()); // Jackson reports the end of the bad token "x}"
        assertTrue(e.getMessage().startsWith("invalid JSON for User at line 2, column 11"), e.getMessage());
        assertThrows(JsonDecodingException.class, () -> Json.decode(Bytes.utf8("{} x"), Object.class));
    }
}
