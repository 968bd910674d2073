package org.pagi.server.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pagi.spec.Application;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.State;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;
import org.pagi.spec.order.LifespanOrder;
import org.pagi.spec.server.InboundQueue;

/**
 * Runs the application's lifespan: {@code lifespan.startup} before the first connection, {@code lifespan.shutdown}
 * after the last. The application runs on a virtual thread; its answers arrive in a queue this runner reads with
 * a timeout, so a silent application can never stall the server forever.
 *
 * <p>Used by one thread at a time (the server's start and stop).
 */
public final class LifespanRunner {
    private static final System.Logger LOG = System.getLogger(LifespanRunner.class.getName());

    /** How startup ended. */
    public sealed interface Startup {
        /** The application completed startup. */
        record Complete() implements Startup {
        }

        /** The application sent {@code lifespan.startup.failed}. @param message its message */
        record Failed(String message) implements Startup {
        }

        /** The application does not do lifespan (it raised or returned). @param cause what it raised, if anything */
        record Declined(String cause) implements Startup {
        }
    }

    private record Finished(Throwable failure) {
    }

    private final Application app;
    private final State state;
    private final LifespanOrder order = new LifespanOrder();
    private final InboundQueue inbound = new InboundQueue();
    private final LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private boolean running;

    /**
     * @param app   the application
     * @param state the namespace whose copies reach every later scope
     */
    public LifespanRunner(Application app, State state) {
        this.app = app;
        this.state = state;
    }

    /** Sends {@code lifespan.startup} and waits for the answer. */
    public Startup startup(Duration timeout) {
        LifespanScope scope = new LifespanScope(PagiInfo.current(), state);
        Thread.ofVirtual().name("pagi-lifespan").start(() -> {
            AppInvoker invoker = new AppInvoker(app, org.pagi.server.ExecutionMode.EVENT_LOOP, Runnable::run);
            invoker.run(scope, inbound::receive, this::send, t -> answers.add(new Finished(t)));
        });
        order.received(new LifespanStartup());
        inbound.offer(new LifespanStartup());
        Object answer = await(timeout);
        return switch (answer) {
            case LifespanStartupComplete c -> {
                running = true;
                yield new Startup.Complete();
            }
            case LifespanStartupFailed f -> new Startup.Failed(f.message());
            case Finished f -> new Startup.Declined(f.failure() == null ? "returned without answering lifespan.startup"
                    : String.valueOf(f.failure()));
            case null -> new Startup.Failed("no answer to lifespan.startup within " + timeout);
            default -> new Startup.Failed("unexpected answer to lifespan.startup: " + answer);
        };
    }

    /** Sends {@code lifespan.shutdown} (if startup completed) and waits for the answer, logging what went wrong. */
    public void shutdown(Duration timeout) {
        if (!running) {
            return;
        }
        running = false;
        order.received(new LifespanShutdown());
        inbound.offer(new LifespanShutdown());
        while (true) {
            Object answer = await(timeout);
            switch (answer) {
                case LifespanShutdownComplete c -> {
                    return;
                }
                case LifespanShutdownFailed f -> {
                    LOG.log(System.Logger.Level.ERROR, "lifespan shutdown failed: " + f.message());
                    return;
                }
                case Finished f -> {
                    LOG.log(System.Logger.Level.WARNING, "the application ended its lifespan before answering"
                            + " lifespan.shutdown", f.failure());
                    return;
                }
                case null -> {
                    LOG.log(System.Logger.Level.WARNING, "no answer to lifespan.shutdown within " + timeout);
                    return;
                }
                default -> {
                    // a late startup answer or similar: keep waiting for the shutdown answer
                }
            }
        }
    }

    private CompletableFuture<Void> send(Event event) {
        try {
            order.send(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "lifespan: " + e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        answers.add(event);
        return CompletableFuture.completedFuture(null);
    }

    private Object await(Duration timeout) {
        try {
            return answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
