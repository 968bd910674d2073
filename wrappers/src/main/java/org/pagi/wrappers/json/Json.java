package org.pagi.wrappers.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.util.Objects;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pagi.spec.Bytes;

/** The one place the wrappers use Jackson: values to JSON bytes (UTF-8) and JSON bytes to values. */
public final class Json {

    // ObjectMapper is thread-safe once configured; one for the process. Its working buffers come from
    // JsonBufferPool, so a blocking handler's new virtual thread does not allocate them afresh per request.
    private static final ObjectMapper MAPPER = new ObjectMapper(pooledFactory());
    // Trailing content after the value ("{}x") is an error, not silently ignored.
    private static final ObjectMapper READER = new ObjectMapper(pooledFactory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    private static JsonFactory pooledFactory() {
        return JsonFactory.builder().recyclerPool(JsonBufferPool.INSTANCE).build();
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

    /**
     * @param json UTF-8 (or UTF-16/32 with a BOM-less detection, as Jackson does) JSON text
     * @param type the class to bind to; {@code Object.class} gives maps, lists, strings, numbers, booleans, null
     * @return the decoded value
     * @throws JsonDecodingException with the parser's line and column when the text is not JSON or does not fit
     *     {@code type}
     */
    public static <T> T decode(Bytes json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        try {
            return READER.readValue(json.toByteArray(), type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw new JsonDecodingException("invalid JSON for " + type.getSimpleName() + " at line " + line
                    + ", column " + column + ": " + e.getOriginalMessage(), line, column, e);
        } catch (IOException e) {
            throw new JsonDecodingException("cannot read JSON: " + e.getMessage(), 0, 0, e);
        }
    }
}
