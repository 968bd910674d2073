package org.pagi.testing.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * A {@code multipart/form-data} request body (RFC 7578), built with {@link #builder()}: text fields and files,
 * encoded as a browser would encode a form.
 *
 * <p>Each part is a boundary line, a {@code Content-Disposition: form-data; name="..."} header (with
 * {@code filename="..."} for a file), a {@code Content-Type} header for files only, a blank line and the content;
 * lines end in CRLF. Names and filenames are sent as UTF-8 with {@code "}, CR and LF escaped as {@code %22},
 * {@code %0D} and {@code %0A}, as the HTML Standard's multipart/form-data encoding does; nothing else is escaped
 * and field values are not line-break normalized. {@link MultipartParser} reads the result back.
 *
 * <p>The boundary is 32 random letters and digits, drawn again until it occurs in no part's content, unless a test
 * fixes it with {@link Builder#boundary(String)}; a fixed boundary found in some content is rejected.
 *
 * <p>Immutable and thread-safe; the builder is not.
 */
public final class Multipart {
    /** The media type, without its boundary parameter. */
    public static final String MEDIA_TYPE = "multipart/form-data";
    /** The Content-Type of a file part when none is given, as RFC 7578 section 4.4 says. */
    public static final String DEFAULT_FILE_TYPE = "application/octet-stream";
    /** Length of a generated boundary: 32 random letters and digits make a collision with content unlikely. */
    static final int GENERATED_BOUNDARY_LENGTH = 32;

    private static final String BOUNDARY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary;
    private final List<MultipartParser.Part> parts;
    private final Bytes body;

    private Multipart(String boundary, List<MultipartParser.Part> parts) {
        this.boundary = boundary;
        this.parts = List.copyOf(parts);
        this.body = encode(boundary, this.parts);
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the encoded body */
    public Bytes body() {
        return body;
    }

    /**
     * @return the request {@code Content-Type}: {@code multipart/form-data; boundary=...}, the boundary quoted
     *         when it holds a char that a bare token may not (RFC 2046 section 5.1.1)
     */
    public String contentType() {
        boolean token = boundary.chars().allMatch(c -> Character.isLetterOrDigit(c) || "'+_.-".indexOf(c) >= 0);
        return MEDIA_TYPE + "; boundary=" + (token ? boundary : "\"" + boundary + "\"");
    }

    /** @return the boundary, without the leading dashes */
    public String boundary() {
        return boundary;
    }

    /**
     * @return the parts in order, with the headers they are sent with; {@link MultipartParser#parse} of
     *         {@link #contentType()} and {@link #body()} gives back an equal list
     */
    public List<MultipartParser.Part> parts() {
        return parts;
    }

    @Override
    public String toString() {
        return "Multipart[boundary=" + boundary + ", parts=" + parts + "]";
    }

    private static Bytes encode(String boundary, List<MultipartParser.Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (MultipartParser.Part part : parts) {
            out.writeBytes(delimiter);
            out.writeBytes(CRLF);
            for (Header h : part.headers()) {
                out.writeBytes(displayName(h.name()).getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(new byte[] {':', ' '});
                out.writeBytes(h.value().toByteArray());
                out.writeBytes(CRLF);
            }
            out.writeBytes(CRLF);
            out.writeBytes(part.content().toByteArray());
            out.writeBytes(CRLF);
        }
        out.writeBytes(delimiter);
        out.writeBytes(new byte[] {'-', '-', '\r', '\n'});
        return Bytes.of(out.toByteArray());
    }

    private static String displayName(String lowerCaseName) {
        return switch (lowerCaseName) {
            case "content-disposition" -> "Content-Disposition";
            case "content-type" -> "Content-Type";
            default -> lowerCaseName;
        };
    }

    /** The HTML Standard escapes only these three characters in names and filenames; '%' itself stays. */
    static String escapeName(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String randomBoundary() {
        StringBuilder sb = new StringBuilder(GENERATED_BOUNDARY_LENGTH);
        for (int i = 0; i < GENERATED_BOUNDARY_LENGTH; i++) {
            sb.append(BOUNDARY_CHARS.charAt(RANDOM.nextInt(BOUNDARY_CHARS.length())));
        }
        return sb.toString();
    }

    /** RFC 2046 section 5.1.1: 1 to 70 bchars, not ending in a space. */
    static void checkBoundary(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("boundary must be 1 to 70 characters, got " + boundary.length());
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean bchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!bchar) {
                throw new IllegalArgumentException(
                        "boundary char 0x%04X at index %d is not allowed by RFC 2046".formatted((int) c, i));
            }
        }
        if (boundary.endsWith(" ")) {
            throw new IllegalArgumentException("boundary must not end with a space (RFC 2046 section 5.1.1)");
        }
    }

    /**
     * Collects the parts of a {@link Multipart} in order. Field names may repeat. Not thread-safe.
     */
    public static final class Builder {
        private final List<MultipartParser.Part> parts = new ArrayList<>();
        private Optional<String> boundary = Optional.empty();
        private Supplier<String> boundaries = Multipart::randomBoundary;

        private Builder() {
        }

        /**
         * Adds a text field; the value is sent as UTF-8.
         *
         * @throws IllegalArgumentException if {@code name} holds NUL, which no header may carry
         */
        public Builder field(String name, String value) {
            Objects.requireNonNull(value, "value");
            return add(name, Optional.empty(), Optional.empty(), Bytes.utf8(value));
        }

        /** Adds a file with the content type {@value Multipart#DEFAULT_FILE_TYPE}. */
        public Builder file(String field, String filename, Bytes content) {
            return file(field, filename, DEFAULT_FILE_TYPE, content);
        }

        /**
         * Adds a file. Leading and trailing whitespace of {@code contentType} is dropped.
         *
         * @throws IllegalArgumentException if {@code contentType} is blank or holds a control or non-ASCII char
         */
        public Builder file(String field, String filename, String contentType, Bytes content) {
            Objects.requireNonNull(filename, "filename");
            String type = Objects.requireNonNull(contentType, "contentType").strip();
            if (type.isEmpty() || type.chars().anyMatch(c -> c < ' ' || c > 0x7E)) {
                throw new IllegalArgumentException("file content type must be non-blank printable ASCII");
            }
            return add(field, Optional.of(filename), Optional.of(type), content);
        }

        /**
         * Fixes the boundary, for tests that compare bytes. Without it, {@link #build()} picks a random one.
         *
         * @throws IllegalArgumentException if it is not 1 to 70 RFC 2046 bchars, or ends with a space
         */
        public Builder boundary(String boundary) {
            checkBoundary(Objects.requireNonNull(boundary, "boundary"));
            this.boundary = Optional.of(boundary);
            return this;
        }

        /** Replaces the random boundary generator, so a test can force a collision. */
        Builder boundarySource(Supplier<String> source) {
            this.boundaries = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * @return the multipart body
         * @throws IllegalArgumentException if a fixed boundary occurs in the content of a part, which would end
         *                                  that part early
         */
        public Multipart build() {
            if (boundary.isPresent()) {
                String fixed = boundary.get();
                for (int i = 0; i < parts.size(); i++) {
                    if (occursIn(fixed, parts.get(i).content())) {
                        throw new IllegalArgumentException("boundary occurs in the content of part " + i
                                + " (field '" + parts.get(i).name() + "')");
                    }
                }
                return new Multipart(fixed, parts);
            }
            String generated = boundaries.get();
            while (occursInAny(generated)) {
                generated = boundaries.get();
            }
            return new Multipart(generated, parts);
        }

        private Builder add(String name, Optional<String> filename, Optional<String> contentType, Bytes content) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            StringBuilder disposition = new StringBuilder("form-data; name=\"").append(escapeName(name)).append('"');
            filename.ifPresent(f -> disposition.append("; filename=\"").append(escapeName(f)).append('"'));
            Headers.Builder headers = Headers.builder()
                    .add("content-disposition", Bytes.utf8(disposition.toString()));
            contentType.ifPresent(t -> headers.add("content-type", t));
            parts.add(new MultipartParser.Part(name, filename, contentType, headers.build(), content));
            return this;
        }

        private boolean occursInAny(String candidate) {
            return parts.stream().anyMatch(p -> occursIn(candidate, p.content()));
        }

        private static boolean occursIn(String boundary, Bytes content) {
            return MultipartParser.indexOf(content.toByteArray(), boundary.getBytes(StandardCharsets.US_ASCII), 0)
                    >= 0;
        }
    }
}
