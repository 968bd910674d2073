package org.pagi.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.pagi.server.cli.AppLoadException;
import org.pagi.server.cli.AppLoader;
import org.pagi.server.cli.Banner;
import org.pagi.server.cli.Command;
import org.pagi.server.cli.CommandLine;
import org.pagi.server.cli.UsageException;
import org.pagi.server.reload.ReloadingApp;
import org.pagi.server.reload.SourceWatcher;
import org.pagi.server.tls.TlsSetupException;
import org.pagi.spec.Application;

/**
 * The launcher behind {@code bin/pagi-server}: {@code pagi-server --app APP [options]}. It reads the command line
 * ({@link CommandLine}), loads the application ({@link AppLoader}), starts a {@link PagiServer}, prints the
 * banner to standard error unless {@code --quiet}, and waits; SIGTERM or SIGINT closes the server gracefully.
 *
 * <p>Exit status: 0 after a signal stopped the server, 1 when it could not start (an address in use, TLS files
 * that cannot be used), 2 for a
 * bad command line or application, 3 when the application's lifespan startup failed.
 */
public final class Main {
    /** Exit status: the server could not start. */
    static final int CANNOT_START = 1;
    /** Exit status: a bad command line or application. */
    static final int USAGE = 2;
    /** Exit status: lifespan startup failed. */
    static final int LIFESPAN_FAILED = 3;

    private Main() {
    }

    /** @param args the command line; see {@code --help} */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line to its end; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println(CommandLine.NAME + ": " + e.getMessage());
            return USAGE;
        }
        return switch (command) {
            case Command.Help h -> {
                out.print(CommandLine.help());
                yield 0;
            }
            case Command.Version v -> {
                out.println(Banner.versionLine());
                yield 0;
            }
            case Command.Serve serve -> serve(serve, err);
        };
    }

    private static int serve(Command.Serve command, PrintStream err) {
        Application app;
        try {
            app = command.reload() ? reloading(command.app(), err) : AppLoader.load(command.app(),
                    Main.class.getClassLoader());
        } catch (AppLoadException e) {
            err.println(CommandLine.NAME + ": --app: " + e.getMessage());
            return USAGE;
        }
        if (!command.reload()) {
            // Libraries the application uses (ServiceLoader, JAXB, ...) look for classes through this loader.
            // Not with --reload: the server's threads would inherit it and keep the first version alive; there
            // each call runs with its own version's loader instead.
            Thread.currentThread().setContextClassLoader(app.getClass().getClassLoader());
        }
        PagiServer server;
        try {
            server = PagiServer.start(app, command.config());
        } catch (LifespanStartupException e) {
            err.println(CommandLine.NAME + ": lifespan startup failed: " + e.getMessage());
            return LIFESPAN_FAILED;
        } catch (TlsSetupException e) {
            // A missing file, a wrong password, a key that is not the certificate's: the message names the file.
            err.println(CommandLine.NAME + ": TLS: " + e.getMessage());
            return CANNOT_START;
        } catch (IOException | RuntimeException e) {
            // An address in use, an unknown host name (UnresolvedAddressException), no permission for the port.
            err.println(CommandLine.NAME + ": cannot listen on " + where(command.config()) + ": " + e);
            return CANNOT_START;
        }
        SourceWatcher watcher = null;
        if (app instanceof ReloadingApp reloading) {
            try {
                watcher = SourceWatcher.start(Path.of(command.app()), SourceWatcher.DEFAULT_DEBOUNCE,
                        reloading::reload);
            } catch (IOException | RuntimeException e) {
                server.close();
                err.println(CommandLine.NAME + ": --reload: cannot watch " + command.app() + ": " + e);
                return CANNOT_START;
            }
        }
        SourceWatcher watching = watcher;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (watching != null) {
                watching.close();
            }
            server.close();
        }, "pagi-shutdown"));
        if (!command.quiet()) {
            err.print(Banner.text(command.app(), command.config(), server.localAddress()));
            if (watching != null) {
                err.println("Reloading " + command.app() + " when it changes");
            }
            err.flush();
        }
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        if (watching != null) {
            watching.close();
        }
        return 0;
    }

    /** The {@code .java} app, compiled again and swapped in by every successful reload. */
    private static ReloadingApp reloading(String source, PrintStream err) throws AppLoadException {
        ClassLoader parent = Main.class.getClassLoader();
        try {
            return new ReloadingApp(() -> AppLoader.load(source, parent),
                    message -> err.println(CommandLine.NAME + ": --reload: " + message));
        } catch (AppLoadException e) {
            throw e;
        } catch (Exception e) {
            throw new AppLoadException(source + ": " + e, e);
        }
    }

    private static String where(ServerConfig config) {
        return config.unixSocket().map(Object::toString).orElse(config.host() + ":" + config.port());
    }
}
