package org.pagi.wrappers.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A part's {@code Content-Disposition}: its type and parameters. Quoted values keep backslashes (browsers send
 * Windows paths unescaped) and undo the browser escapes {@code %22}, {@code %0D}, {@code %0A} (WHATWG form
 * encoding); {@code filename*} is an RFC 8187 extended value, decoded by {@link #extValue}.
 */
record ContentDisposition(String type, Map<String, String> params) {

    static ContentDisposition parse(String value) {
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).strip();
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi < 0 ? value.length() : semi + 1;
        while (i < value.length()) {
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            String v;
            if (j < value.length() && value.charAt(j) == '"') {
                int close = value.indexOf('"', j + 1);
                if (close < 0) {
                    throw new BadRequestException("unterminated quoted '" + name + "' in multipart Content-Disposition");
                }
                v = value.substring(j + 1, close).replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
                int next = value.indexOf(';', close);
                i = next < 0 ? value.length() : next + 1;
            } else {
                int next = value.indexOf(';', j);
                v = value.substring(j, next < 0 ? value.length() : next).strip();
                i = next < 0 ? value.length() : next + 1;
            }
            params.putIfAbsent(name, v);
        }
        return new ContentDisposition(type, params);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** An RFC 8187 {@code charset'language'pct-encoded} value; empty when malformed or in an unknown charset. */
    static Optional<String> extValue(String ext) {
        int q1 = ext.indexOf('\'');
        int q2 = q1 < 0 ? -1 : ext.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return Optional.empty();
        }
        Charset cs;
        try {
            cs = Charset.forName(ext.substring(0, q1).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String enc = ext.substring(q2 + 1);
        for (int k = 0; k < enc.length(); k++) {
            char c = enc.charAt(k);
            if (c == '%' && k + 2 < enc.length()) {
                int hi = Character.digit(enc.charAt(k + 1), 16);
                int lo = Character.digit(enc.charAt(k + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out.write(hi * 16 + lo);
                k += 2;
            } else if (c == '%') {
                return Optional.empty();
            } else {
                out.write(c & 0xFF);
            }
        }
        return Optional.of(out.toString(cs));
    }
}
