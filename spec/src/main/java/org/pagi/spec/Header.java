package org.pagi.spec;

import java.util.Objects;

/**
 * One header field: a lower-case name and an opaque byte value.
 *
 * <p>The name is an RFC 9110 token (section 5.1) and is lower-cased on construction. The value may hold any byte
 * except CR, LF and NUL: those would let a value split the HTTP message (response splitting, RFC 9112 section
 * 11.1), so they are rejected here, before the header exists, and therefore before a server could write it.
 *
 * @param name  the field name, lower case
 * @param value the field value, byte-exact
 */
public record Header(String name, Bytes value) {

    /** Validates and lower-cases the name; validates the value. */
    public Header {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        name = HeaderRules.checkName(name);
        HeaderRules.checkValue(name, value);
    }

    /** @return a header whose value is the ISO-8859-1 bytes of {@code value} (lossless for chars 0-255) */
    public static Header of(String name, String value) {
        return new Header(name, Bytes.latin1(value));
    }

    /** @return the value as text, byte for byte (ISO-8859-1), so no byte is lost or replaced */
    public String text() {
        return value.latin1();
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
