package org.pagi.wrappers.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.Blocking;

/**
 * Runs a CGI/1.1 script (RFC 3875) for each request, the counterpart of upstream's {@code PAGI::App::WrapCGI}:
 *
 * <pre>{@code
 * Application app = CgiApp.builder(Path.of("/srv/cgi-bin/report.sh"))
 *         .interpreter("/bin/sh")
 *         .timeout(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * <p>The script is started with {@link ProcessBuilder} in an environment holding only the meta-variables (see
 * {@code CgiEnvironment}: {@code REQUEST_METHOD}, {@code QUERY_STRING}, {@code CONTENT_LENGTH}, {@code PATH_INFO},
 * {@code SCRIPT_NAME}, {@code SERVER_*}, {@code REMOTE_ADDR}, {@code HTTP_*} without {@code Proxy}...) and the
 * variables named by {@link Builder#passEnvironment} ({@code PATH} by default) or set by {@link Builder#environment}.
 * The request body is streamed to its stdin, its stdout read as a header block ({@code Status},
 * {@code Content-Type}, {@code Location}, other fields) and then streamed to the client; a chunked request body
 * reaches the script without {@code CONTENT_LENGTH}, ended by the end of stdin. Its stderr is logged (at most
 * {@link Builder#stderrLines} lines per request). A malformed header block is answered {@code 502}, a script that
 * cannot be started too. At the {@link Builder#timeout} the script and every process it started are killed: before
 * the header block that is a {@code 504}; after, the response is cut. A client that leaves has the script killed
 * too. A {@code Location} path is sent to the client as a {@code 302}, never followed inside the server. Scopes
 * other than {@code http} fail with {@link UnsupportedScopeException}.
 */
public final class CgiApp implements Application {
    /** The default {@link Builder#timeout}, as upstream. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The default {@link Builder#maxHeaderBytes}. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    /** The default {@link Builder#stderrLines}. */
    public static final int DEFAULT_STDERR_LINES = 100;

    private final Application runner;

    private CgiApp(Options options) {
        this.runner = Blocking.app((scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                throw new UnsupportedScopeException(scope);
            }
            new CgiRun(options, http, receive, send).run();
        });
    }

    /** @return a builder for an application running {@code script} */
    public static Builder builder(Path script) {
        return new Builder(script);
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return runner.call(scope, receive, send);
    }

    /** What a built {@link CgiApp} runs with. */
    record Options(Path script, List<String> command, Path workingDirectory, Duration timeout, int maxHeaderBytes,
                   Map<String, String> environment, boolean passAuthorization, int stderrLines) {
    }

    /** Options of a {@link CgiApp}; each is checked when set or at {@link #build}, naming the option. */
    public static final class Builder {
        private final Path script;
        private final List<String> interpreter = new ArrayList<>();
        private Path workingDirectory;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private final List<String> passed = new ArrayList<>(List.of("PATH"));
        private final Map<String, String> fixed = new LinkedHashMap<>();
        private boolean passAuthorization;
        private int stderrLines = DEFAULT_STDERR_LINES;

        private Builder(Path script) {
            this.script = Objects.requireNonNull(script, "script").toAbsolutePath().normalize();
        }

        /** Runs the script through {@code command} (e.g. {@code "/bin/sh"}), the script's path as last argument. */
        public Builder interpreter(String... command) {
            if (command.length == 0 || command[0].isBlank()) {
                throw new IllegalArgumentException("interpreter needs a command, got none");
            }
            interpreter.clear();
            interpreter.addAll(List.of(command));
            return this;
        }

        /** Sets the script's current directory; by default the directory the script is in. */
        public Builder workingDirectory(Path value) {
            Path dir = Objects.requireNonNull(value, "workingDirectory").toAbsolutePath();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("workingDirectory is not a directory: " + dir);
            }
            workingDirectory = dir;
            return this;
        }

        /** Sets how long one request may run before its process tree is killed (504, or a cut response). */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + value);
            }
            timeout = value;
            return this;
        }

        /** Sets the longest header block the script may write before its body (502 beyond). */
        public Builder maxHeaderBytes(int value) {
            if (value < 64 || value > 1024 * 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be 64 to 1048576, got " + value);
            }
            maxHeaderBytes = value;
            return this;
        }

        /** Names the variables of this process's environment the script gets too (replacing the default PATH). */
        public Builder passEnvironment(String... names) {
            passed.clear();
            for (String n : names) {
                passed.add(checkName("passEnvironment", n));
            }
            return this;
        }

        /** Sets one more variable for every run (a meta-variable of the same name wins over it). */
        public Builder environment(String name, String value) {
            Objects.requireNonNull(value, "environment value");
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment value of " + name + " holds a NUL byte");
            }
            fixed.put(checkName("environment", name), value);
            return this;
        }

        /** Passes {@code Authorization} and {@code Proxy-Authorization} as {@code HTTP_*} (off: RFC 3875 4.1.18). */
        public Builder passAuthorization(boolean value) {
            passAuthorization = value;
            return this;
        }

        /** Sets how many stderr lines of one run are logged; later ones are read and dropped. */
        public Builder stderrLines(int value) {
            if (value < 0 || value > 100_000) {
                throw new IllegalArgumentException("stderrLines must be 0 to 100000, got " + value);
            }
            stderrLines = value;
            return this;
        }

        /**
         * @return the application
         * @throws IllegalArgumentException naming {@code script} when it is not a regular file, or not executable
         *                                  and no interpreter was set
         */
        public CgiApp build() {
            if (!Files.isRegularFile(script)) {
                throw new IllegalArgumentException("script is not a regular file: " + script);
            }
            if (interpreter.isEmpty() && !Files.isExecutable(script)) {
                throw new IllegalArgumentException("script is not executable: " + script
                        + " (make it executable, or set interpreter(...))");
            }
            List<String> command = new ArrayList<>(interpreter);
            command.add(script.toString());
            Map<String, String> env = new LinkedHashMap<>();
            for (String name : passed) {
                String v = System.getenv(name);
                if (v != null) {
                    env.put(name, v);
                }
            }
            env.putAll(fixed);
            Path dir = workingDirectory != null ? workingDirectory : script.getParent();
            return new CgiApp(new Options(script, List.copyOf(command), dir, timeout, maxHeaderBytes, Map.copyOf(env),
                    passAuthorization, stderrLines));
        }

        private static String checkName(String option, String name) {
            Objects.requireNonNull(name, option + " name");
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(option + " name must be non-empty without '=' or NUL, got '"
                        + name + "'");
            }
            return name;
        }
    }
}
