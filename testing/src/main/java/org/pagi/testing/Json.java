package org.pagi.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.pagi.spec.Bytes;

/** The one Jackson mapper of the test client. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static Bytes write(Object value) {
        try {
            return Bytes.of(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static JsonNode tree(Bytes body) {
        try {
            return MAPPER.readTree(body.toByteArray());
        } catch (IOException e) {
            throw new AssertionError("body is not valid JSON: " + e.getMessage() + "; body: " + body, e);
        }
    }

    static <T> T read(Bytes body, Class<T> type) {
        try {
            return MAPPER.readValue(body.toByteArray(), type);
        } catch (IOException e) {
            throw new AssertionError("body is not JSON for " + type.getName() + ": " + e.getMessage() + "; body: "
                    + body, e);
        }
    }
}
