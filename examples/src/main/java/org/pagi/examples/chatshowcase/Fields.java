package org.pagi.examples.chatshowcase;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON objects the chat sends: names and values given in turn, kept in that order. */
final class Fields {
    private Fields() {
    }

    /** @return {@code {name1: value1, ...}}, in the order given */
    static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /**
     * @return the time now in seconds since the epoch, with milliseconds, as upstream's {@code ts}; a decimal, so
     *     JSON shows {@code 1795567752.054} rather than a double's {@code 1.795567752054E9}
     */
    static BigDecimal now() {
        return BigDecimal.valueOf(System.currentTimeMillis(), 3);
    }
}
