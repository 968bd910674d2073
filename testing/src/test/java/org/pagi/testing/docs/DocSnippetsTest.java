package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Java example in README.md, ARCHITECTURE.md, CONTRIBUTING.md, the module READMEs and spec/docs is a
 * tested snippet (see {@link DocSnippets}).
 */
class DocSnippetsTest {

    static List<Path> documents() throws IOException {
        Path root = DocSnippets.repoRoot();
        try (Stream<Path> docs = Files.list(root.resolve("spec/docs"))) {
            Stream<Path> top = Stream.of("README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "spec/README.md",
                    "testing/README.md").map(root::resolve).filter(Files::exists);
            return Stream.concat(top, docs.filter(p -> p.toString().endsWith(".md")).sorted()).toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockIsATestedSnippet() throws IOException {
        Map<String, List<String>> regions = DocSnippets.regions();
        Path root = DocSnippets.repoRoot();
        return documents().stream().flatMap(doc -> DocSnippets.javaBlocks(doc).stream())
                .map(block -> DynamicTest.dynamicTest(root.relativize(block.document()) + ":" + block.line(), () -> {
                    assertNotNull(block.name(), "the ```java block has no <!-- snippet: NAME --> marker above it");
                    List<String> region = regions.get(block.name());
                    assertNotNull(region, "no // snippet: " + block.name() + " region in testing/src/test/java/org/pagi/testing/docs");
                    assertEquals(String.join("\n", region), String.join("\n", block.lines()),
                            "the document's example differs from the tested snippet " + block.name());
                }));
    }

    @Test
    void documentsHaveJavaExamples() throws IOException {
        assertFalse(documents().isEmpty());
        assertTrue(documents().stream().anyMatch(d -> !DocSnippets.javaBlocks(d).isEmpty()),
                "at least one document shows Java code");
    }

    @Test
    void dedentRemovesOnlyTheCommonIndentation() {
        assertEquals(List.of("a", "  b", "", "c"), DocSnippets.dedent(List.of("    a", "      b", "   ", "    c")));
    }
}
