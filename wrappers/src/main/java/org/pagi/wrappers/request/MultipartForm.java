package org.pagi.wrappers.request;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code multipart/form-data} body: text fields and uploaded files, each multi-valued and in the order
 * sent. Immutable (the files themselves can be moved, see {@link UploadedFile#moveTo}).
 */
public final class MultipartForm {

    private final Map<String, List<String>> fields;
    private final Map<String, List<UploadedFile>> files;
    private final List<UploadedFile> allFiles;

    MultipartForm(Map<String, List<String>> fields, Map<String, List<UploadedFile>> files,
            List<UploadedFile> allFiles) {
        this.fields = freeze(fields);
        this.files = freeze(files);
        this.allFiles = List.copyOf(allFiles);
    }

    private static <T> Map<String, List<T>> freeze(Map<String, List<T>> map) {
        Map<String, List<T>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** The first value of text field {@code name}. */
    public Optional<String> field(String name) {
        return fields.getOrDefault(name, List.of()).stream().findFirst();
    }

    /** Every value of text field {@code name}, in order; empty when absent. */
    public List<String> fieldValues(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** The text field names, in first-seen order. */
    public Set<String> fieldNames() {
        return fields.keySet();
    }

    /** Every text field and its values. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** The first file sent under field {@code name}. */
    public Optional<UploadedFile> file(String name) {
        return files.getOrDefault(name, List.of()).stream().findFirst();
    }

    /** Every file sent under field {@code name}, in order; empty when none. */
    public List<UploadedFile> files(String name) {
        return files.getOrDefault(name, List.of());
    }

    /** Every uploaded file, in the order sent. */
    public List<UploadedFile> files() {
        return allFiles;
    }

    @Override
    public String toString() {
        return "MultipartForm[fields=" + fields + ", files=" + allFiles + "]";
    }
}
