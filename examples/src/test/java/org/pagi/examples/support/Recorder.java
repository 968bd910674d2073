package org.pagi.examples.support;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<Event> sent = new CopyOnWriteArrayList<>();

    /** @param app the application to observe */
    public Recorder(Application app) {
        this.app = app;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, event -> {
            sent.add(event);
            return send.send(event);
        });
    }

    /** @return the events sent so far, in order, over every call */
    public List<Event> sent() {
        return List.copyOf(sent);
    }
}
