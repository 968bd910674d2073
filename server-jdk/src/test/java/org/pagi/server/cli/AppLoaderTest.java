package org.pagi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

class AppLoaderTest {
    private static final ClassLoader LOADER = AppLoaderTest.class.getClassLoader();

    /** An application with a public no-argument constructor. */
    public static final class HelloApp implements Application {
        @Override
        public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** A class that is no application but makes one. */
    public static final class Factory {
        static final Application APP = (scope, receive, send) -> CompletableFuture.completedFuture(null);

        public static Application app() {
            return APP;
        }
    }

    /** An application whose constructor fails. */
    public static final class Broken implements Application {
        public Broken() {
            throw new IllegalStateException("no database");
        }

        @Override
        public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** An application without a no-argument constructor. */
    public static final class NeedsArgument implements Application {
        public NeedsArgument(String name) {
        }

        @Override
        public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static String failure(String app) {
        return assertThrows(AppLoadException.class, () -> AppLoader.load(app, LOADER)).getMessage();
    }

    /** Source of an application whose {@code toString()} says {@code text}. */
    private static String source(String pkg, String name, String text) {
        return (pkg.isEmpty() ? "" : "package " + pkg + ";\n") + """
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                import org.pagi.spec.Application;
                import org.pagi.spec.Receive;
                import org.pagi.spec.Scope;
                import org.pagi.spec.Send;

                public class %s implements Application {
                    @Override
                    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public String toString() {
                        return "%s";
                    }
                }
                """.formatted(name, text);
    }

    @Nested
    class ClassNames {
        @Test
        void createsAnApplicationWithItsNoArgumentConstructor() throws AppLoadException {
            assertInstanceOf(HelloApp.class, AppLoader.load(HelloApp.class.getName(), LOADER));
        }

        @Test
        void acceptsANestedClassWrittenWithADot() throws AppLoadException {
            assertInstanceOf(HelloApp.class, AppLoader.load(HelloApp.class.getCanonicalName(), LOADER));
        }

        @Test
        void callsAStaticAppMethod() throws AppLoadException {
            assertEquals(Factory.APP, AppLoader.load(Factory.class.getName(), LOADER));
        }

        @Test
        void saysWhenTheClassIsMissing() {
            assertEquals("class com.example.Nope not found on the classpath", failure("com.example.Nope"));
        }

        @Test
        void saysWhenTheClassIsNoApplication() {
            assertEquals("java.lang.String neither implements org.pagi.spec.Application nor has a public static"
                    + " Application app() method", failure("java.lang.String"));
        }

        @Test
        void saysWhenTheConstructorThrows() {
            String m = failure(Broken.class.getName());
            assertTrue(m.endsWith("Broken constructor threw java.lang.IllegalStateException: no database"), m);
        }

        @Test
        void saysWhenThereIsNoNoArgumentConstructor() {
            assertTrue(failure(NeedsArgument.class.getName()).contains("has no public no-argument constructor"));
        }

        @Test
        void rejectsSomethingThatIsNoClassName() {
            assertEquals("'hello world' is not a class name, a .java file or a .jar", failure("hello world"));
            assertEquals("'apps/hello.py' is a path but neither a .java file nor a .jar", failure("apps/hello.py"));
            assertTrue(failure("a\u0000b.java").startsWith("'a\u0000b.java' is not a valid path"));
        }
    }

    @Nested
    class SourceFiles {
        @Test
        void compilesAndLoadsAFileInAPackage(@TempDir Path dir) throws IOException, AppLoadException {
            Path file = dir.resolve("HelloSource.java");
            Files.writeString(file, source("com.example.hello", "HelloSource", "from source"));
            Application app = AppLoader.load(file.toString(), LOADER);
            assertEquals("com.example.hello.HelloSource", app.getClass().getName());
            assertEquals("from source", app.toString());
        }

        @Test
        void compilesAFileWithoutAPackage(@TempDir Path dir) throws IOException, AppLoadException {
            Path file = dir.resolve("Plain.java");
            Files.writeString(file, source("", "Plain", "plain"));
            assertEquals("plain", AppLoader.load(file.toString(), LOADER).toString());
        }

        @Test
        void reportsCompileErrorsWithTheirLine(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("Bad.java");
            Files.writeString(file, "public class Bad {\n    int x = \"text\";\n}\n");
            String m = failure(file.toString());
            assertTrue(m.startsWith(file + ": does not compile:"), m);
            assertTrue(m.contains("Bad.java:2: "), m);
        }

        @Test
        void saysWhenTheFileIsMissing(@TempDir Path dir) {
            Path file = dir.resolve("Missing.java");
            assertEquals(file + ": no such file", failure(file.toString()));
        }

        @Test
        void saysWhenTheCompiledClassIsNoApplication(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("NotAnApp.java");
            Files.writeString(file, "public class NotAnApp {}\n");
            assertTrue(failure(file.toString()).startsWith("NotAnApp neither implements"));
        }
    }

    @Nested
    class Jars {
        /** Compiles {@code source} as {@code pkg.name} and packs it with {@code manifest} into a jar. */
        private static Path jar(Path dir, String pkg, String name, String text, Manifest manifest) throws IOException {
            Path src = dir.resolve("src");
            Path classes = dir.resolve("classes");
            Files.createDirectories(src);
            Files.createDirectories(classes);
            Path file = src.resolve(name + ".java");
            Files.writeString(file, source(pkg, name, text));
            String classpath = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                    .toString();
            int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                    "-classpath", classpath, file.toString());
            assertEquals(0, status, "compiling the test's application");
            Path jar = dir.resolve("app.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                    Stream<Path> files = Files.walk(classes)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, (OutputStream) out);
                    out.closeEntry();
                }
            }
            return jar;
        }

        private static Manifest manifest(String... namesAndValues) {
            Manifest m = new Manifest();
            m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            for (int i = 0; i < namesAndValues.length; i += 2) {
                m.getMainAttributes().putValue(namesAndValues[i], namesAndValues[i + 1]);
            }
            return m;
        }

        @Test
        void loadsTheClassNamedByPagiApplication(@TempDir Path dir) throws IOException, AppLoadException {
            Path jar = jar(dir, "com.example.jarred", "JarApp", "from a jar",
                    manifest("PAGI-Application", "com.example.jarred.JarApp"));
            assertEquals("from a jar", AppLoader.load(jar.toString(), LOADER).toString());
        }

        @Test
        void fallsBackToAMainClassThatIsAnApplication(@TempDir Path dir) throws IOException, AppLoadException {
            Path jar = jar(dir, "com.example.main", "MainApp", "main class", manifest("Main-Class",
                    "com.example.main.MainApp"));
            assertEquals("main class", AppLoader.load(jar.toString(), LOADER).toString());
        }

        @Test
        void saysWhenTheManifestNamesNoApplication(@TempDir Path dir) throws IOException {
            Path jar = jar(dir, "com.example.none", "Some", "x", manifest());
            assertEquals(jar + ": its manifest has no PAGI-Application attribute", failure(jar.toString()));
        }

        @Test
        void saysWhenTheNamedClassIsMissing(@TempDir Path dir) throws IOException {
            Path jar = jar(dir, "com.example.miss", "Here", "x", manifest("PAGI-Application", "com.example.Gone"));
            assertEquals(jar + ": its PAGI-Application class com.example.Gone is not in the jar or on the classpath",
                    failure(jar.toString()));
        }

        @Test
        void saysWhenTheFileIsNoJar(@TempDir Path dir) throws IOException {
            Path jar = Files.writeString(dir.resolve("fake.jar"), "not a zip");
            assertTrue(failure(jar.toString()).startsWith(jar + ": not a readable jar"));
        }

        @Test
        void keepsTheApplicationsClassesApartFromTheServers(@TempDir Path dir) throws IOException, AppLoadException {
            Path jar = jar(dir, "com.example.apart", "Apart", "x", manifest("PAGI-Application",
                    "com.example.apart.Apart"));
            Application app = AppLoader.load(jar.toString(), LOADER);
            assertEquals(LOADER, app.getClass().getClassLoader().getParent());
            assertThrows(ClassNotFoundException.class, () -> Class.forName("com.example.apart.Apart", false, LOADER));
        }
    }
}
