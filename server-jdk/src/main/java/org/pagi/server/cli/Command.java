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
     * @param reload whether to recompile and swap the {@code .java} app when its file changes ({@code --reload})
     */
    record Serve(String app, ServerConfig config, boolean quiet, boolean reload) implements Command {
        /** Checks for nulls. */
        public Serve {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(config, "config");
        }

        /** Serve without {@code --reload}. */
        public Serve(String app, ServerConfig config, boolean quiet) {
            this(app, config, quiet, false);
        }
    }

    /** Print the usage and every option ({@code --help}). */
    record Help() implements Command {
    }

    /** Print the version ({@code --version}). */
    record Version() implements Command {
    }
}
