package org.pagi.wrappers.request;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.pagi.spec.Bytes;

/** Parses an {@code Authorization} field value; anything malformed gives empty, never an exception. */
final class Authorization {

    private Authorization() {
    }

    /** The token of {@code Bearer <token68>}. */
    static Optional<String> bearer(String field) {
        return credentials(field, "bearer").filter(Authorization::isToken68);
    }

    /** User and password of {@code Basic <base64 of user:password>}, UTF-8. */
    static Optional<BasicCredentials> basic(String field) {
        return credentials(field, "basic").flatMap(encoded -> {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            Bytes bytes = Bytes.of(decoded);
            if (!bytes.isValidUtf8()) {
                return Optional.empty();
            }
            String pair = bytes.utf8();
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new BasicCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
        });
    }

    private static Optional<String> credentials(String field, String scheme) {
        String v = field.strip();
        int space = v.indexOf(' ');
        if (space < 0 || !v.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
            return Optional.empty();
        }
        String rest = v.substring(space + 1).strip();
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    private static boolean isToken68(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~+/".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
