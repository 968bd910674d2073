package org.pagi.server.cli;

import java.util.Objects;
import org.pagi.server.ServerConfig;

/** What a command line asks the launcher to do: serve an application, print the help, or print the version. */
public sealed interface Command {

    /**
     * Serve {@code app} with {@code config}.
     *
     * @param app    the {@code --app} value: a class name, a {@code .java} file or a {@code .jar}
     * @param config the server settings
     * @param quiet  whether to skip the startup banner
     */
    record Serve(String app, ServerConfig config, boolean quiet) implements Command {
        /** Checks for nulls. */
        public Serve {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(config, "config");
        }
    }

    /** Print the usage and every option ({@code --help}). */
    record Help() implements Command {
    }

    /** Print the version ({@code --version}). */
    record Version() implements Command {
    }
}
