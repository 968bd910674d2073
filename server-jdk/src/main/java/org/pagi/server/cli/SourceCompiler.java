package org.pagi.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.pagi.spec.Application;

/**
 * Compiles one {@code .java} file in memory, with the JDK's compiler, against the classpath its parent class
 * loader sees, and loads the result in a fresh class loader of its own. Nothing is written to disk, so a file
 * compiled again (the launcher's {@code --reload}) leaves no folder behind, and an old version's classes go away
 * with the last reference to its loader. Stateless; thread-safe.
 */
final class SourceCompiler {
    private SourceCompiler() {
    }

    /**
     * @return the top-level class named like the file ({@code Hello.java}: {@code Hello}, whatever package it
     *         declares), loaded in a new class loader whose parent is {@code parent}
     * @throws AppLoadException for a missing file, no compiler, or compile errors, listed as {@code file:line: message}
     */
    static Class<?> compile(Path source, ClassLoader parent) throws AppLoadException {
        if (!Files.isRegularFile(source)) {
            throw new AppLoadException(source + ": no such file");
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new AppLoadException(source + ": this Java has no compiler (a JRE, not a JDK); compile the file"
                    + " and give the class name, or run with a JDK");
        }
        Map<String, byte[]> classes = new ConcurrentHashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
                JavaFileManager files = new InMemoryOutput(standard, classes)) {
            List<String> options = List.of("-classpath", classpath(parent), "-proc:none", "-encoding", "UTF-8",
                    "-implicit:class");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    standard.getJavaFileObjects(source.toFile())).call();
            if (!ok) {
                throw new AppLoadException(source + ": does not compile:" + System.lineSeparator()
                        + describe(diagnostics.getDiagnostics()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stem = source.getFileName().toString().replaceFirst("(?i)\\.java$", "");
        String name = classes.keySet().stream()
                .filter(n -> n.equals(stem) || n.endsWith("." + stem))
                .findFirst()
                .orElseThrow(() -> new AppLoadException(source + ": compiled, but no top-level class " + stem
                        + " came out (the public class must be named like the file)"));
        try {
            return Class.forName(name, true, new CompiledClasses(source, Map.copyOf(classes), parent));
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AppLoadException(source + ": compiled class " + name + " cannot be loaded: " + e);
        }
    }

    /** The compiler sees the JVM's classpath, plus wherever the spec and the parent's jars come from. */
    private static String classpath(ClassLoader parent) {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path", "")
                .split(File.pathSeparator)));
        var spec = Application.class.getProtectionDomain().getCodeSource();
        if (spec != null) {
            file(spec.getLocation()).ifPresent(entries::add);
        }
        for (ClassLoader l = parent; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL u : urls.getURLs()) {
                    file(u).ifPresent(entries::add);
                }
            }
        }
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> file(URL url) {
        try {
            return url.getProtocol().equals("file") ? Optional.of(Path.of(url.toURI()).toString()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String where = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                    + d.getLineNumber() + ": ";
            out.append("  ").append(where).append(d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                    .append(System.lineSeparator());
        }
        return out.toString().stripTrailing();
    }

    /** Catches the compiler's class files in {@code classes}, keyed by binary name. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;

        InMemoryOutput(StandardJavaFileManager files, Map<String, byte[]> classes) {
            super(files);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) throws IOException {
            if (location != StandardLocation.CLASS_OUTPUT || kind != JavaFileObject.Kind.CLASS) {
                return super.getJavaFileForOutput(location, className, kind, sibling);
            }
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }

    /** The classes of one compilation; one loader per compilation, so a new version never sees an old one. */
    private static final class CompiledClasses extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        CompiledClasses(Path source, Map<String, byte[]> classes, ClassLoader parent) {
            super("pagi-app:" + source.getFileName(), parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
