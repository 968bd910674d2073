package org.pagi.testing.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the code examples of the documents true: every {@code ```java} block in a document must be preceded by
 * a {@code <!-- snippet: NAME -->} line and equal, line for line, the region {@code // snippet: NAME} ...
 * {@code // end-snippet} of a test source file in this package. Those files compile with the build and the
 * tests that contain the regions run them, so an example that stops compiling or working fails the build.
 *
 * <p>Regions are compared after removing their common indentation.
 */
final class DocSnippets {
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*([A-Za-z0-9_.-]+)\\s*-->\\s*$");
    private static final Pattern REGION_START = Pattern.compile("^\\s*// snippet:\\s*([A-Za-z0-9_.-]+)\\s*$");
    private static final Pattern REGION_END = Pattern.compile("^\\s*// end-snippet\\s*$");

    private DocSnippets() {
    }

    /** A fenced Java block of a document. */
    record Block(Path document, int line, String name, List<String> lines) {
    }

    /** @return the repository root, found from the module directory the tests run in */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("spec").resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with spec/docs) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** @return every {@code ```java} block of {@code document}; a block with no marker has a null name */
    static List<Block> javaBlocks(Path document) {
        List<String> lines = readLines(document);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("```java")) {
                continue;
            }
            String name = null;
            for (int j = i - 1; j >= 0 && j >= i - 2; j--) {
                Matcher m = MARKER.matcher(lines.get(j).trim());
                if (m.matches()) {
                    name = m.group(1);
                    break;
                }
            }
            List<String> body = new ArrayList<>();
            int k = i + 1;
            while (k < lines.size() && !lines.get(k).trim().equals("```")) {
                body.add(lines.get(k));
                k++;
            }
            blocks.add(new Block(document, i + 1, name, dedent(body)));
            i = k;
        }
        return blocks;
    }

    /** @return every snippet region in the test sources of this package, by name */
    static Map<String, List<String>> regions() {
        Path dir = repoRoot().resolve("testing/src/test/java/org/pagi/testing/docs");
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = readLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = REGION_START.matcher(lines.get(i));
                    if (!m.matches()) {
                        continue;
                    }
                    List<String> body = new ArrayList<>();
                    int k = i + 1;
                    while (k < lines.size() && !REGION_END.matcher(lines.get(k)).matches()) {
                        body.add(lines.get(k));
                        k++;
                    }
                    if (k == lines.size()) {
                        throw new IllegalStateException(f + ":" + (i + 1) + ": snippet " + m.group(1) + " has no // end-snippet");
                    }
                    if (out.put(m.group(1), dedent(body)) != null) {
                        throw new IllegalStateException("snippet " + m.group(1) + " is defined twice");
                    }
                    i = k;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).map(String::stripTrailing).toList();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
