package org.pagi.spec.event;

import java.util.OptionalLong;

/** Range checks shared by the file and channel body forms. */
final class Ranges {
    private Ranges() {
    }

    static void check(long offset, OptionalLong length) {
        if (offset < 0) {
            throw new IllegalArgumentException("http.response.body: offset must be 0 or more, got " + offset);
        }
        if (length.isPresent() && length.getAsLong() < 0) {
            throw new IllegalArgumentException("http.response.body: length must be 0 or more, got " + length.getAsLong());
        }
    }
}
