package org.pagi.spec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An ordered, immutable list of header fields, as the spec defines them: lower-case names, byte-exact values,
 * repeated names kept in order (as {@code set-cookie} needs).
 *
 * <p>Look-ups take a name in any case. Methods that "change" a list return a new one. Thread-safe.
 */
public final class Headers implements Iterable<Header> {
    private static final Headers EMPTY = new Headers(List.of());

    private final List<Header> fields;

    private Headers(List<Header> fields) {
        this.fields = fields;
    }

    /** @return the empty list */
    public static Headers empty() {
        return EMPTY;
    }

    /** @return headers holding {@code fields} in order */
    public static Headers of(List<Header> fields) {
        return fields.isEmpty() ? EMPTY : new Headers(List.copyOf(fields));
    }

    /**
     * @param namesAndValues name, value, name, value, ...; values are taken as ISO-8859-1 text
     * @return the headers, in the given order
     * @throws IllegalArgumentException for an odd number of strings or an invalid name or value
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of takes name/value pairs, got an odd count: " + namesAndValues.length);
        }
        List<Header> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(Header.of(namesAndValues[i], namesAndValues[i + 1]));
        }
        return of(list);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the fields in order */
    public List<Header> list() {
        return fields;
    }

    /** @return how many fields there are, counting repeats */
    public int size() {
        return fields.size();
    }

    /** @return whether there are no fields */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** @return whether a field named {@code name} (any case) is present */
    public boolean contains(String name) {
        String n = HeaderRules.toLowerAscii(name);
        for (Header h : fields) {
            if (h.name().equals(n)) {
                return true;
            }
        }
        return false;
    }

    /** @return the first value of {@code name}, as bytes */
    public Optional<Bytes> firstBytes(String name) {
        String n = HeaderRules.toLowerAscii(name);
        for (Header h : fields) {
            if (h.name().equals(n)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** @return the first value of {@code name}, as text byte for byte (ISO-8859-1) */
    public Optional<String> first(String name) {
        return firstBytes(name).map(Bytes::latin1);
    }

    /** @return every value of {@code name}, in order, as text byte for byte (ISO-8859-1) */
    public List<String> all(String name) {
        // A plain loop: servers ask this several times per request, and a stream allocates a pipeline each time.
        String n = HeaderRules.toLowerAscii(name);
        List<String> out = null;
        for (Header h : fields) {
            if (h.name().equals(n)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(h.text());
            }
        }
        return out == null ? List.of() : java.util.Collections.unmodifiableList(out);
    }

    /** @return these headers with {@code name: value} appended */
    public Headers with(String name, String value) {
        return with(Header.of(name, value));
    }

    /** @return these headers with {@code header} appended */
    public Headers with(Header header) {
        List<Header> list = new ArrayList<>(fields.size() + 1);
        list.addAll(fields);
        list.add(header);
        return new Headers(List.copyOf(list));
    }

    /** @return these headers with every {@code name} field removed and one {@code name: value} appended */
    public Headers replace(String name, String value) {
        return without(name).with(name, value);
    }

    /** @return these headers with every field named {@code name} removed */
    public Headers without(String name) {
        String n = HeaderRules.toLowerAscii(name);
        return of(fields.stream().filter(h -> !h.name().equals(n)).toList());
    }

    /** @return the fields as a stream */
    public Stream<Header> stream() {
        return fields.stream();
    }

    @Override
    public Iterator<Header> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Collects fields in order. Not thread-safe. */
    public static final class Builder {
        private final List<Header> list = new ArrayList<>();

        private Builder() {
        }

        /** Appends {@code name: value}, the value taken as ISO-8859-1 text. */
        public Builder add(String name, String value) {
            list.add(Header.of(name, value));
            return this;
        }

        /** Appends {@code name: value}. */
        public Builder add(String name, Bytes value) {
            list.add(new Header(name, value));
            return this;
        }

        /** Appends {@code header}. */
        public Builder add(Header header) {
            list.add(header);
            return this;
        }

        /** Appends all of {@code headers}. */
        public Builder addAll(Headers headers) {
            list.addAll(headers.list());
            return this;
        }

        /** @return the headers collected so far */
        public Headers build() {
            return of(list);
        }
    }
}
