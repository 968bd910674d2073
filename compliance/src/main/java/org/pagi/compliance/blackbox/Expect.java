package org.pagi.compliance.blackbox;

import java.util.Objects;

/** The assertions of the wire suite: each throws {@link CaseFailed} with what was expected and what came. */
public final class Expect {
    private Expect() {
    }

    /** Fails unless {@code expected} equals {@code actual}. */
    public static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new CaseFailed(what + ": expected " + excerpt(expected) + ", got " + excerpt(actual));
        }
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new CaseFailed(message);
        }
    }

    /** @return {@code value} as text, cut to 200 characters with control characters escaped */
    public static String excerpt(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 200; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.length() < s.length() ? "'" + out + "...' (" + s.length() + " chars)" : "'" + out + "'";
    }
}
