package org.pagi.compliance.property;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One exchange run for a contract: a {@link ScriptedApp} handed to the host, what the client saw, and the
 * application's side replayed through the order machine once the call has ended.
 *
 * @param seen   what the host's client saw (its type depends on the scope)
 * @param script what the application was told to do
 * @param trace  what it did and saw
 * @param replay the trace through the spec's order machine
 * @param <S>    the observation type
 */
public record Run<S>(S seen, Script script, Trace trace, Replay replay) {
    /** How long one receive or send of a scripted application may take before the try fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(3);
    /** How long the application may take to return once the host is done. */
    public static final Duration END = Duration.ofSeconds(8);

    /** Checks for nulls. */
    public Run {
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(replay, "replay");
    }

    /**
     * Runs {@code script} through {@code host}, then waits for the application to return.
     *
     * @param exchange calls the host with the application
     */
    public static <S> Run<S> of(Script script, Function<ScriptedApp, S> exchange) {
        ScriptedApp app = new ScriptedApp(script, PATIENCE);
        S seen = exchange.apply(app);
        Objects.requireNonNull(seen, "the host returned null");
        app.trace().awaitEnd(END);
        return new Run<>(seen, script, app.trace(), Replay.of(app.trace()));
    }

    /** @return this run described for a failure message: the client's view and the application's trace */
    public String describe() {
        return "\nthe client saw: " + seen + "\nthe application's " + trace + "\norder machine at the end: "
                + replay.state() + " (" + replay.ending() + ")";
    }

    /** Fails the try if a step invariant broke: a send with the wrong outcome, an illegal delivery, a hang. */
    public void requireLegalSteps() {
        if (!replay.problems().isEmpty()) {
            fail(String.join("\n", replay.problems()));
        }
    }

    /** Fails the try with {@code message} unless {@code ok}. */
    public void require(boolean ok, String message) {
        if (!ok) {
            fail(message);
        }
    }

    /** Fails the try unless {@code expected} equals {@code actual}. */
    public void requireEqual(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    /** @throws AssertionError always, with {@code message} and {@link #describe()} */
    public void fail(String message) {
        throw new AssertionError(message + describe());
    }
}
