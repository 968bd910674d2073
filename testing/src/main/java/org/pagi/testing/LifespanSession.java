package org.pagi.testing;

import java.util.Optional;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;

/**
 * The application's lifespan, driven as a server drives it: {@link #startup()} before the first request,
 * {@link #shutdown()} after the last. {@link TestClient#withLifespan} wraps a block in both.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   IDLE --startup()--> RUNNING    the application sent lifespan.startup.complete
 *                   +-> FAILED     it sent lifespan.startup.failed: startup() throws
 *                   +-> DECLINED   it returned or threw without answering: no error, supported() is false
 *   RUNNING --shutdown() or close()--> STOPPED, once the application answered and returned
 * </pre>
 * Declining follows the spec: "a raised exception and a clean return are resolved identically", and the server
 * carries on without lifespan; {@link #declineCause()} keeps the exception for a test that wants to see it. An
 * exception after {@code lifespan.startup.complete} (a background task that crashed) reaches the test from
 * {@link #shutdown()}, unless the client has {@code raiseAppExceptions(false)}, in which case it is dropped as a
 * server logs it and carries on.
 *
 * <p>The scope holds the client's own {@link org.pagi.spec.State}, so what the application stores there at
 * startup reaches every later scope through the shallow copy {@link org.pagi.spec.server.ScopeFactory} makes.
 *
 * <p>Used from one test thread.
 */
public final class LifespanSession implements AutoCloseable {
    private enum Phase { IDLE, RUNNING, FAILED, DECLINED, STOPPED }

    private final TestClient client;
    private final LifespanScope scope;
    private AppCall call;
    private Phase phase = Phase.IDLE;
    private Optional<Throwable> declineCause = Optional.empty();

    LifespanSession(TestClient client) {
        this.client = client;
        this.scope = new LifespanScope(PagiInfo.current(), client.state());
    }

    /**
     * Calls the application with the lifespan scope and delivers {@code lifespan.startup}.
     *
     * @throws LifespanStartupFailedException if it answers {@code lifespan.startup.failed}
     * @throws PagiTestTimeoutException if it neither answers nor returns in time
     * @throws IllegalStateException if this session already ran startup
     */
    public void startup() {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("startup() runs once per lifespan session; this one is " + phase);
        }
        phase = Phase.FAILED; // until the application answers: close() must not shut down a startup that broke
        call = AppCall.start(client.app(), scope, client.timeout(), client.runInline());
        call.push(new LifespanStartup());
        switch (call.next("lifespan.startup.complete or lifespan.startup.failed")) {
            case AppCall.Signal.Violation v -> throw v.error();
            case AppCall.Signal.Finished f -> {
                phase = Phase.DECLINED;
                declineCause = Optional.ofNullable(f.failure());
            }
            case AppCall.Signal.Sent s -> {
                switch (s.event()) {
                    case LifespanStartupComplete complete -> phase = Phase.RUNNING;
                    case LifespanStartupFailed failed -> throw new LifespanStartupFailedException(failed.message());
                    // The order rules let nothing else through while starting.
                    default -> throw new AssertionError("unexpected " + s.event().type() + " during lifespan startup");
                }
            }
        }
    }

    /**
     * Delivers {@code lifespan.shutdown}, waits for the answer, then for the application to return. Does
     * nothing if the application declined lifespan (a server sends it no further lifespan events).
     *
     * @throws LifespanShutdownFailedException if it answers {@code lifespan.shutdown.failed}
     * @throws RuntimeException what the application failed with, in raise mode
     * @throws IllegalStateException if startup did not complete, or shutdown already ran
     */
    public void shutdown() {
        if (phase == Phase.DECLINED) {
            return;
        }
        if (phase != Phase.RUNNING) {
            throw new IllegalStateException("shutdown() needs a completed startup(); this lifespan is " + phase);
        }
        phase = Phase.STOPPED;
        call.push(new LifespanShutdown());
        switch (call.next("lifespan.shutdown.complete or lifespan.shutdown.failed")) {
            case AppCall.Signal.Violation v -> throw v.error();
            // It returned before answering, perhaps long before: a server has nothing left to wait for.
            case AppCall.Signal.Finished f -> raise(Optional.ofNullable(f.failure()));
            case AppCall.Signal.Sent s -> {
                Optional<Throwable> failure = Settle.awaitReturn(call, "after it answered lifespan.shutdown");
                if (s.event() instanceof LifespanShutdownFailed failed) {
                    LifespanShutdownFailedException e = new LifespanShutdownFailedException(failed.message());
                    failure.filter(t -> client.raiseAppExceptions()).ifPresent(e::addSuppressed);
                    throw e;
                }
                raise(failure);
            }
        }
    }

    private void raise(Optional<Throwable> failure) {
        if (failure.isPresent() && client.raiseAppExceptions()) {
            throw ApplicationFailedException.rethrow(failure.get());
        }
    }

    /** @return false once the application declined lifespan at startup; true before startup and otherwise */
    public boolean supported() {
        return phase != Phase.DECLINED;
    }

    /** @return the exception the application declined lifespan with; empty if it returned cleanly or did not decline */
    public Optional<Throwable> declineCause() {
        return declineCause;
    }

    /** @return the lifespan scope the application is called with */
    public LifespanScope scope() {
        return scope;
    }

    /** Shuts down if startup completed and shutdown has not run yet; otherwise does nothing. */
    @Override
    public void close() {
        if (phase == Phase.RUNNING) {
            shutdown();
        }
    }
}
