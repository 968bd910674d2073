package org.pagi.examples.endpointdemo;

import org.pagi.wrappers.apps.File;
import org.pagi.wrappers.endpoint.EndpointRouter;
import org.pagi.wrappers.endpoint.Routes;

/**
 * Upstream's {@code endpoint-demo}: the three endpoint kinds behind one class-based router, each with its own
 * middleware, and the page as the fallback for every other path.
 * <ul>
 *   <li>{@code /api/messages}: {@link MessageApi}, GET lists the messages, POST adds one (415 unless JSON, by
 *       {@link DemoMiddleware#requireJson()}) and tells every {@code /events} stream;</li>
 *   <li>{@code /ws/echo}: {@link EchoSocket}, a JSON echo, timed by {@link DemoMiddleware#timing()};</li>
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

    /** The example as {@code bin/pagi-server --app} creates it. */
    public App() {
    }

    @Override
    protected void routes(Routes r) {
        r.endpoint("/api/messages", messages, DemoMiddleware.requireJson())
                .endpoint("/ws/echo", new EchoSocket(), DemoMiddleware.timing())
                .endpoint("/events", events, DemoMiddleware.timing())
                .mount("/", File.classpathBuilder(ROOT, App.class.getClassLoader()).build());
    }

    /** @return how many {@code /events} streams are open now */
    public int subscribers() {
        return events.subscribers();
    }
}
