package org.pagi.server.cli;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.pagi.spec.Application;

/**
 * Finds the application that {@code --app} names, in one of three forms:
 * <ul>
 *   <li>a class name on the classpath ({@code com.example.HelloApp}; a nested class as {@code Outer.Inner} or
 *       {@code Outer$Inner});</li>
 *   <li>a path to one {@code .java} file, compiled in memory with the JDK's compiler against the current
 *       classpath ({@link SourceCompiler}), then loaded in a class loader of its own: its public top-level
 *       class (named like the file) is the application, as the Perl server's {@code --app app.pl} runs a
 *       script;</li>
 *   <li>a path to a {@code .jar} whose manifest names the class in {@code PAGI-Application}, or else in
 *       {@code Main-Class} when that class is an application.</li>
 * </ul>
 * The class then gives the application through a {@code public static Application app()} method when it has
 * one, or else by being an {@link Application} with a public no-argument constructor.
 *
 * <p>This is the one place in the server that uses reflection: naming a class on a command line and getting an
 * instance of it cannot be done otherwise. Nothing is scanned; exactly the named class is loaded.
 *
 * <p>Relative paths are read from the current directory. Stateless; thread-safe.
 */
public final class AppLoader {
    /** The manifest attribute that names a jar's application class. */
    public static final String MANIFEST_ATTRIBUTE = "PAGI-Application";

    private AppLoader() {
    }

    /**
     * @param app    the {@code --app} value
     * @param parent the class loader that sees {@link Application} and the rest of the classpath
     * @return the application
     * @throws AppLoadException saying what could not be found, compiled or created
     */
    public static Application load(String app, ClassLoader parent) throws AppLoadException {
        String lower = app.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".java")) {
            return fromSource(path(app), parent);
        }
        if (lower.endsWith(".jar")) {
            return fromJar(path(app), parent);
        }
        if (app.contains("/") || app.contains(File.separator)) {
            throw new AppLoadException("'" + app + "' is a path but neither a .java file nor a .jar");
        }
        if (!isClassName(app)) {
            throw new AppLoadException("'" + app + "' is not a class name, a .java file or a .jar");
        }
        return instantiate(loadClass(app, parent).orElseThrow(() -> new AppLoadException("class " + app
                + " not found on the classpath")));
    }

    private static Application fromSource(Path source, ClassLoader parent) throws AppLoadException {
        return instantiate(SourceCompiler.compile(source, parent));
    }

    private static Application fromJar(Path jar, ClassLoader parent) throws AppLoadException {
        if (!Files.isRegularFile(jar)) {
            throw new AppLoadException(jar + ": no such file");
        }
        Attributes main;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        } catch (IOException e) {
            throw new AppLoadException(jar + ": not a readable jar: " + e.getMessage());
        }
        ClassLoader loader = new URLClassLoader(new URL[] {url(jar)}, parent);
        String named = main.getValue(MANIFEST_ATTRIBUTE);
        if (named != null) {
            String name = named.strip();
            return instantiate(loadClass(name, loader).orElseThrow(() -> new AppLoadException(jar + ": its "
                    + MANIFEST_ATTRIBUTE + " class " + name + " is not in the jar or on the classpath")));
        }
        String mainClass = main.getValue(Attributes.Name.MAIN_CLASS);
        if (mainClass != null) {
            Optional<Class<?>> c = loadClass(mainClass.strip(), loader);
            if (c.isPresent() && (Application.class.isAssignableFrom(c.get()) || appMethod(c.get()).isPresent())) {
                return instantiate(c.get());
            }
        }
        throw new AppLoadException(jar + ": its manifest has no " + MANIFEST_ATTRIBUTE + " attribute"
                + (mainClass == null ? "" : " and its Main-Class " + mainClass.strip() + " is not an application"));
    }

    /** Loads {@code name}, also trying {@code Outer.Inner} as {@code Outer$Inner}. */
    private static Optional<Class<?>> loadClass(String name, ClassLoader loader) throws AppLoadException {
        String candidate = name;
        while (true) {
            try {
                return Optional.of(Class.forName(candidate, true, loader));
            } catch (ClassNotFoundException e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    return Optional.empty();
                }
                candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
            } catch (LinkageError | RuntimeException e) {
                throw new AppLoadException("class " + name + " cannot be loaded: " + e);
            }
        }
    }

    /** Gets the application out of {@code type}: its {@code app()} method, else its no-argument constructor. */
    static Application instantiate(Class<?> type) throws AppLoadException {
        Optional<Method> factory = appMethod(type);
        try {
            if (factory.isPresent()) {
                Object app = factory.get().invoke(null);
                if (app == null) {
                    throw new AppLoadException(type.getName() + ".app() returned null");
                }
                return (Application) app;
            }
            if (!Application.class.isAssignableFrom(type)) {
                throw new AppLoadException(type.getName() + " neither implements " + Application.class.getName()
                        + " nor has a public static Application app() method");
            }
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
                throw new AppLoadException(type.getName() + " must be a public, non-abstract class");
            }
            return (Application) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new AppLoadException(type.getName() + " has no public no-argument constructor (or give it a public"
                    + " static Application app() method)");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new AppLoadException(type.getName() + (factory.isPresent() ? ".app()" : " constructor") + " threw "
                    + cause, cause);
        } catch (IllegalAccessException | InstantiationException e) {
            throw new AppLoadException(type.getName() + " cannot be created: " + e.getMessage());
        }
    }

    private static Optional<Method> appMethod(Class<?> type) {
        try {
            Method m = type.getMethod("app");
            boolean usable = Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(type.getModifiers())
                    && Application.class.isAssignableFrom(m.getReturnType());
            return usable ? Optional.of(m) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static boolean isClassName(String name) {
        return !name.isEmpty() && Stream.of(name.split("\\.", -1)).allMatch(p -> !p.isEmpty()
                && Character.isJavaIdentifierStart(p.codePointAt(0))
                && p.codePoints().allMatch(Character::isJavaIdentifierPart));
    }

    private static Path path(String app) throws AppLoadException {
        try {
            return Path.of(app);
        } catch (InvalidPathException e) {
            throw new AppLoadException("'" + app + "' is not a valid path: " + e.getReason());
        }
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a file URL: " + path, e);
        }
    }
}
