package org.pagi.wrappers.apps;

/** Checks the header values the apps take as options, so a bad one is refused by the option's name. */
final class FieldValues {
    private FieldValues() {
    }

    /**
     * @throws IllegalArgumentException naming {@code option} when {@code value} is null or blank, or holds a control
     *         character (CR or LF would split the response: header injection) or, with {@code asciiOnly}, a
     *         character outside ASCII (a URL in a header is percent-encoded)
     */
    static String check(String value, String option, boolean asciiOnly) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + ": must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(option + ": control character 0x%02X at index %d (CR and LF would split the response)"
                        .formatted((int) c, i));
            }
            if (asciiOnly && c > 0x7e) {
                throw new IllegalArgumentException(option + ": character U+%04X at index %d is not ASCII; percent-encode it"
                        .formatted((int) c, i));
            }
        }
        return value;
    }
}
