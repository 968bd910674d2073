package org.pagi.wrappers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containment by path segments on every kind of root, and the roots and index names refused by option name. */
class StaticRootTest {
    @TempDir
    static Path base;
    static StaticRoots roots;

    @BeforeAll
    static void tree(@TempDir Path jars) throws IOException {
        roots = StaticRoots.create(base, jars, r -> { });
    }

    @AfterAll
    static void close() throws IOException {
        roots.close();
    }

    /**
     * {@code link-dir-sibling/leak.txt} passes every rule before the lookup (plain names, nothing hidden) and its
     * real path, {@code base/pubx/leak.txt}, starts with the root's path as a string: only the segment containment
     * check stops it, so this fails if that check is weakened to a string prefix.
     */
    @Test
    void containmentAloneStopsASymlinkIntoASamePrefixSibling() throws IOException {
        List<String> names = StaticPaths.segments("/link-dir-sibling/leak.txt").orElseThrow();
        assertEquals(List.of("link-dir-sibling", "leak.txt"), names, "no earlier guard refuses the path");
        Path root = roots.root().toRealPath();
        Path real = root.resolve("link-dir-sibling/leak.txt").toRealPath();
        assertEquals(StaticTree.SECRET, Files.readString(real));
        assertTrue(real.toString().startsWith(root.toString()), "a string prefix would let it in");
        assertFalse(real.startsWith(root), "segments keep it out");
        for (StaticRoot served : List.of(StaticRoot.directory(root), StaticRoot.classpath("pub", roots.dirLoader()))) {
            assertInstanceOf(StaticRoot.Missing.class, served.lookup(names), served.toString());
            assertInstanceOf(StaticRoot.Found.class, served.lookup(List.of("link-in")), "a link inside is served");
        }
        assertEquals(new StaticRoot.Folder(Optional.of(roots.root().toRealPath().resolve("sub"))),
                StaticRoot.directory(roots.root()).lookup(List.of("sub")), "a folder on disk carries its real path");
        assertEquals(new StaticRoot.Folder(Optional.empty()),
                StaticRoot.classpath("pub", roots.jarLoader()).lookup(List.of("sub")), "a jar folder has none");
    }

    @Test
    void jarContainmentIsBySegmentsOfTheEntryName() {
        StaticRoot.Classpath pub = new StaticRoot.Classpath("pub", roots.jarLoader());
        List<String> contained = new ArrayList<>();
        for (String name : List.of("pub/", "pub/a.txt", "pub/sub/b.css", "pubx/leak.txt", "pub/../outside.txt",
                "pub/./a.txt", "pub//a.txt", "pub/.secret", "pub/sub/.hidden", "pu", "outside.txt", "static/pub/a")) {
            if (pub.contained(name)) {
                contained.add(name);
            }
        }
        assertEquals(List.of("pub/", "pub/a.txt", "pub/sub/b.css"), contained);
        assertTrue(new StaticRoot.Classpath("static/pub", roots.jarLoader()).contained("static/pub/a"));
    }

    @Test
    void refusesBadRootsAndIndexNamesNamingTheOption() {
        for (String bad : List.of("", "/", "../pub", "pub/../pubx", ".git", "pub//sub", "nope", "pub/a.txt")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StaticRoot.classpath(bad, roots.jarLoader()), bad);
            assertTrue(e.getMessage().startsWith("classpathRoot:"), e.getMessage());
        }
        assertInstanceOf(StaticRoot.Folder.class, StaticRoot.classpath("pub/sub", roots.jarLoader())
                .lookup(List.of()), "a nested folder is a root too");
        for (Path bad : List.of(base.resolve("none"), roots.root().resolve("a.txt"))) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> StaticRoot.directory(bad)).getMessage()
                    .startsWith("root: "));
        }
        for (String bad : List.of("../x", "", ".htaccess", "a/b", "a\\b", "C:x")) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> new StaticSite(StaticRoot.directory(roots.root()), List.of(bad))).getMessage()
                    .startsWith("indexFiles: '" + bad + "'"), bad);
        }
    }
}
