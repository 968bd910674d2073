package org.pagi.examples.ssedashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pagi.wrappers.json.Json;

/** The JSON data of the events: objects whose names and their order are spelled out where they are sent. */
final class JsonText {
    private JsonText() {
    }

    /** @return {@code {"name1":value1,...}} from names and values given in turn */
    static String object(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Json.encode(fields).utf8();
    }
}
