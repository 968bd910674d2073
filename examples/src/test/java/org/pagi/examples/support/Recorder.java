package org.pagi.examples.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;

/**
 * Wraps an application and keeps every event it sends, in order, so an in-process test can compare the whole
 * list: what no client can see, such as {@code http.fullflush} or the {@code trailers} flag of a start.
 *
 * <p>Thread-safe: the application may send from any thread.
 */
public final class Recorder implements Application {
    private final Application app;
    private final List<Event> sent = new ArrayList<>();

    /** @param app the application to observe */
    public Recorder(Application app) {
        this.app = app;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, event -> {
            synchronized (sent) {
                sent.add(event);
                sent.notifyAll();
            }
            return send.send(event);
        });
    }

    /** @return the events sent so far, in order, over every call */
    public List<Event> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /**
     * Waits until the application has sent an event of {@code type}: for events it sends after what the client
     * has already seen, such as a keepalive request that follows the first event.
     *
     * @return the first such event, or empty when none was sent within {@code timeout}
     */
    public <T extends Event> Optional<T> awaitFirst(Class<T> type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sent) {
            while (true) {
                Optional<T> found = sent.stream().filter(type::isInstance).map(type::cast).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                try {
                    sent.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return found;
                }
            }
        }
    }
}
