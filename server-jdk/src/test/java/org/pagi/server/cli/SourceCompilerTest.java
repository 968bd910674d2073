package org.pagi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One {@code .java} file compiled in memory: nothing on disk, a class loader per compilation. */
class SourceCompilerTest {
    private static final ClassLoader PARENT = SourceCompilerTest.class.getClassLoader();

    @TempDir
    Path dir;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void compilesWithoutWritingAClassFileAndLoadsEachCompilationApart() throws Exception {
        Path file = Files.writeString(dir.resolve("Two.java"), """
                package demo;
                public class Two {
                    static class Helper {
                    }
                    public Object helper() {
                        return new Helper();
                    }
                }
                """);
        Class<?> first = SourceCompiler.compile(file, PARENT);
        Class<?> second = SourceCompiler.compile(file, PARENT);

        assertEquals("demo.Two", first.getName());
        assertEquals(List.of(file), files(dir), "no class file beside the source");
        assertNotSame(first, second);
        assertNotSame(first.getClassLoader(), second.getClassLoader());
        assertTrue(!(first.getClassLoader() instanceof URLClassLoader), "held in memory, not read from a folder");
        assertEquals(PARENT, first.getClassLoader().getParent());
        Object helper = first.getMethod("helper").invoke(first.getConstructor().newInstance());
        assertEquals(first.getClassLoader(), helper.getClass().getClassLoader(), "a nested class loads beside it");
    }

    @Test
    void listsEveryErrorAsFileLineMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("Bad.java"), """
                public class Bad {
                    int a = missing();
                    String b = 1;
                }
                """);
        String m = assertThrows(AppLoadException.class, () -> SourceCompiler.compile(file, PARENT)).getMessage();
        assertEquals(file + ": does not compile:", m.lines().findFirst().orElseThrow());
        assertEquals(List.of("  Bad.java:2: cannot find symbol",
                "  Bad.java:3: incompatible types: int cannot be converted to java.lang.String"),
                m.lines().skip(1).toList());
    }
}
