package org.pagi.compliance.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Scope;
import org.pagi.spec.event.Event;

/**
 * What a {@link ScriptedApp} did and saw, in order: the application's side of an exchange, which the contracts
 * replay through the spec's order machine ({@link Replay}).
 *
 * <p>Thread-safe: the application's thread records, the test thread reads once {@link #awaitEnd} returned.
 */
public final class Trace {

    /** One thing the application did or saw. */
    public sealed interface Entry {
        /** @return the index of the script step it belongs to */
        int step();
    }

    /**
     * A send and how its stage completed.
     *
     * @param failure what the stage failed with; empty when it completed normally
     */
    public record Sent(int step, Event event, Optional<Throwable> failure) implements Entry {
        @Override
        public String toString() {
            return "#" + step + " sent " + event + failure.map(f -> " -> FAILED " + f).orElse(" -> ok");
        }
    }

    /**
     * An event {@code receive} yielded.
     *
     * @param connection for an {@code http.disconnect}: {@code pagi.connection} as the application read it right then
     */
    public record Received(int step, Event event, Optional<Connection> connection) implements Entry {
        @Override
        public String toString() {
            return "#" + step + " received " + event + connection.map(c -> " " + c).orElse("");
        }
    }

    /**
     * A receive that did not yield an event: it failed, or did not complete within the script's patience.
     *
     * @param problem what went wrong
     */
    public record ReceiveFailed(int step, String problem) implements Entry {
        @Override
        public String toString() {
            return "#" + step + " receive FAILED: " + problem;
        }
    }

    /**
     * {@code pagi.connection} as read right after an {@code http.disconnect}.
     *
     * @param connected what {@code isConnected()} said
     * @param reason    what {@code disconnectReason()} said
     */
    public record Connection(boolean connected, Optional<DisconnectReason> reason) {
    }

    /** How the application's call ended. */
    public enum End { RETURNED, FAILED }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Scope> scopes = new ArrayList<>();
    private final CompletableFuture<End> end = new CompletableFuture<>();

    synchronized void called(Scope scope) {
        scopes.add(Objects.requireNonNull(scope, "scope"));
    }

    synchronized void add(Entry entry) {
        entries.add(entry);
    }

    void ended(End how) {
        end.complete(how);
    }

    /**
     * Waits for the application's call to end.
     *
     * @throws AssertionError if it does not end within {@code wait}, or was never called
     */
    public End awaitEnd(Duration wait) {
        try {
            return end.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(scopes().isEmpty()
                    ? "the server never called the application within " + wait
                    : "the application did not finish within " + wait + "; so far:\n" + this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the application", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** @return whether the call has ended */
    public boolean ended() {
        return end.isDone();
    }

    /** @return the entries so far, in order */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** @return the scopes the application was called with; one per call, so one in a correct run */
    public synchronized List<Scope> scopes() {
        return List.copyOf(scopes);
    }

    /** @return the events received, in order */
    public List<Event> received() {
        return entries().stream().filter(e -> e instanceof Received).map(e -> ((Received) e).event()).toList();
    }

    /** @return the sends, in order */
    public List<Sent> sent() {
        return entries().stream().filter(e -> e instanceof Sent).map(e -> (Sent) e).toList();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Trace[");
        for (Entry e : entries()) {
            out.append("\n  ").append(e);
        }
        return out.append(end.isDone() ? "\n  ended: " + end.join() : "\n  (still running)").append("\n]").toString();
    }
}
