package org.pagi.wrappers.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pagi.spec.Bytes;

/** The one place the wrappers use Jackson: values to JSON bytes (UTF-8). */
public final class Json {

    // ObjectMapper is thread-safe once configured; one for the process.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * @param value any value Jackson can write (maps, lists, records, strings, numbers, null)
     * @return its JSON encoding in UTF-8
     * @throws JsonEncodingException naming the value's type when Jackson cannot write it
     */
    public static Bytes encode(Object value) {
        try {
            return Bytes.of(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new JsonEncodingException("cannot encode a " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
