package org.pagi.examples.endpointdemo;

import java.util.Objects;
import java.util.function.Consumer;
import org.pagi.middleware.AccessLog;
import org.pagi.wrappers.apps.File;
import org.pagi.wrappers.endpoint.EndpointRouter;
import org.pagi.wrappers.endpoint.Routes;

/**
 * Upstream's {@code endpoint-demo}: the three endpoint kinds behind one class-based router, each with its own
 * middleware, and the page as the fallback for every other path.
 * <ul>
 *   <li>{@code /api/messages}: {@link MessageApi}, GET lists the messages, POST adds one (415 unless JSON, by
 *       {@link DemoMiddleware#requireJson()}) and tells every {@code /events} stream; each request logged by
 *       {@link AccessLog};</li>
 *   <li>{@code /ws/echo}: {@link EchoSocket}, a JSON echo, logged by {@link AccessLog} and timed by
 *       {@link DemoMiddleware#timing()};</li>
 *   <li>{@code /events}: {@link MessageEvents}, each new message as an SSE event, timed as well;</li>
 *   <li>anything else: the {@code public/} folder, shipped as classpath resources beside this class.</li>
 * </ul>
 * The messages live in this instance, so every {@code App} starts with upstream's two. Async throughout: it runs
 * in either of the server's execution modes. Thread-safe.
 */
public final class App extends EndpointRouter {
    /** The served folder, as a classpath path. */
    static final String ROOT = App.class.getPackageName().replace('.', '/') + "/public";

    private final MessageEvents events = new MessageEvents();
    private final MessageApi messages = new MessageApi(events);
    private final AccessLog accessLog;

    /** The example as {@code bin/pagi-server --app} creates it: access lines to the logger {@code pagi.access}. */
    public App() {
        this(AccessLog.builder());
    }

    /** @param accessLog receives the access log's lines (upstream's {@code logger}), thread-safe */
    public App(Consumer<String> accessLog) {
        this(AccessLog.builder().sink(Objects.requireNonNull(accessLog, "accessLog")));
    }

    private App(AccessLog.Builder accessLog) {
        // upstream's "tiny" format: client, method, target, status, size, duration
        this.accessLog = accessLog.format(AccessLog.Format.COMPACT).idAndDuration(false).build();
    }

    @Override
    protected void routes(Routes r) {
        // the access log outermost, as upstream's list, so that the 415s of requireJson are logged too
        r.endpoint("/api/messages", messages, accessLog, DemoMiddleware.requireJson())
                .endpoint("/ws/echo", new EchoSocket(), accessLog, DemoMiddleware.timing())
                .endpoint("/events", events, DemoMiddleware.timing())
                .mount("/", File.classpathBuilder(ROOT, App.class.getClassLoader()).build());
    }

    /** @return how many {@code /events} streams are open now */
    public int subscribers() {
        return events.subscribers();
    }
}
