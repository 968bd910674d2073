package org.pagi.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module's rules, read from its sources: main code imports the JDK, the spec and the wrappers only (Jackson
 * in {@code org.pagi.wrappers.json} alone, never the server); every package has a {@code package-info.java}; and
 * every public and protected type, constructor, method and field has Javadoc that doclint accepts (missing
 * comments, broken HTML, unknown references and missing {@code @param}/{@code @return} tags all fail). The
 * {@code middleware} module's sources are held to the same Javadoc rule and to its own import rule.
 */
class ModuleRulesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path ROOT = MAIN.resolve("org/pagi/wrappers");
    /** The middleware module builds on this one alone (and the spec), so its sources are held to the same rules. */
    private static final Path MIDDLEWARE = Path.of("../middleware/src/main/java/org/pagi/middleware");

    /**
     * Doclint's "missing" group also wants a main description before a lone {@code @return} and a tag for every
     * parameter or type variable. The house style is a one-line comment that says what matters
     * ({@code /** @return the whole file *}{@code /}), so those are not counted; a declaration without any comment is.
     */
    private static final List<String> TAG_ONLY = List.of(
            "warning: no main description", "warning: no @return", "warning: no @throws", "warning: no @param for ");

    private static List<Path> sources() throws IOException {
        return sources(ROOT);
    }

    private static List<Path> sources(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void middlewareImportsOnlyTheJdkTheSpecAndTheWrappers() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path source : sources(MIDDLEWARE)) {
            for (String line : Files.readAllLines(source)) {
                String l = line.trim();
                if (l.startsWith("import ")) {
                    String name = l.substring(l.startsWith("import static ") ? 14 : 7);
                    boolean allowed = name.startsWith("java.") || name.startsWith("javax.crypto.")
                            || name.startsWith("org.pagi.spec.") || name.startsWith("org.pagi.wrappers.")
                            || name.startsWith("org.pagi.middleware.")
                            // the Redis backends alone use the optional Redis client
                            || name.startsWith("io.lettuce.core.") && source.getParent().endsWith("redis");
                    if (!allowed) {
                        offenders.add(source + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "middleware imports java.*, javax.crypto.*, the spec, wrappers and itself (and Lettuce in its redis package)");
    }

    @Test
    void mainCodeImportsOnlyTheJdkTheSpecAndJacksonInTheJsonPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path source : sources()) {
            boolean jsonPackage = source.startsWith(ROOT.resolve("json"));
            // The legacy bridges exist to adapt the JDK's own HTTP server API, so that package alone may import it.
            boolean bridgePackage = source.startsWith(ROOT.resolve("bridge"));
            for (String line : Files.readAllLines(source)) {
                String l = line.trim();
                if (!l.startsWith("import ")) {
                    continue;
                }
                String name = l.substring(l.startsWith("import static ") ? 14 : 7);
                boolean allowed = name.startsWith("java.")
                        || name.startsWith("org.pagi.spec.") || name.startsWith("org.pagi.wrappers.")
                        || (jsonPackage && name.startsWith("com.fasterxml.jackson."))
                        || (bridgePackage && name.startsWith("com.sun.net.httpserver."));
                if (!allowed) {
                    offenders.add(source + ": " + l);
                }
            }
        }
        assertEquals(List.of(), offenders,
                "wrappers imports java.*, org.pagi.spec.*, org.pagi.wrappers.*, and Jackson only in wrappers.json");
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            packages = dirs.filter(Files::isDirectory).filter(ModuleRulesTest::holdsSources).toList();
        }
        assertTrue(packages.size() >= 6, "found packages: " + packages);
        for (Path p : packages) {
            assertTrue(Files.exists(p.resolve("package-info.java")), p + " has no package-info.java");
        }
    }

    @Test
    void everyPublicDeclarationHasJavadocThatDoclintAccepts(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK, not a JRE");
        List<String> args = new ArrayList<>(List.of(
                "-Xdoclint:all/protected", "-Xmaxwarns", "10000", "-Xmaxerrs", "10000", "-proc:none",
                "-encoding", "UTF-8", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path")));
        for (Path source : sources()) {
            args.add(source.toString());
        }
        for (Path source : sources(MIDDLEWARE)) {
            args.add(source.toString());
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, args.toArray(String[]::new));
        String report = errors.toString(StandardCharsets.UTF_8);
        List<String> problems = report.lines()
                .filter(l -> l.contains(": warning: ") || l.contains(": error: "))
                .filter(l -> TAG_ONLY.stream().noneMatch(l::contains))
                .toList();
        assertEquals(0, status, report);
        assertEquals(List.of(), problems, problems.size() + " Javadoc problems:\n" + report);
    }

    /**
     * Surefire runs only classes matching the root pom's includes ({@code *Test}, {@code *Tests},
     * {@code *Properties}); a concrete test class named otherwise would never run in CI. Checked for every module.
     */
    @Test
    void everyConcreteTestClassInTheBuildHasANameSurefireRuns() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> unrun = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path testDir : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(testDir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String name = f.getFileName().toString();
                        if (name.matches(".*(Test|Tests|Properties)\\.java")) {
                            continue;
                        }
                        String text = Files.readString(f);
                        boolean hasTests = TEST_ANNOTATION.matcher(text).find();
                        boolean concrete = !text.matches(
                                "(?s).*\\b(abstract class|interface)\\s+" + name.replace(".java", "") + "\\b.*");
                        if (hasTests && concrete) {
                            unrun.add(root.relativize(f).toString());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), unrun, "test classes Surefire would not run: rename them to end in Test or Properties");
    }

    private static final java.util.regex.Pattern TEST_ANNOTATION = java.util.regex.Pattern.compile(
            "@(?:[\\w.]+\\.)?(Test|Property|ParameterizedTest|Example|RepeatedTest|TestFactory)\\b");

    private static boolean holdsSources(Path dir) {
        try (Stream<Path> f = Files.list(dir)) {
            return f.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
