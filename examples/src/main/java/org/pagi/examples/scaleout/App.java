package org.pagi.examples.scaleout;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.middleware.MiddlewareStack;
import org.pagi.middleware.ProxyHeaders;
import org.pagi.middleware.RateLimit;
import org.pagi.middleware.Session;
import org.pagi.middleware.SessionData;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.apps.ChannelPayload;
import org.pagi.wrappers.apps.SsePubsub;
import org.pagi.wrappers.apps.WebSocketChat;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/**
 * One instance of a service meant to run several times behind nginx: whichever instance a client lands on, it
 * sees the same chat, the same event feed, the same login and the same rate limit, because they live in the
 * shared store ({@code PAGI_REDIS_URL}) rather than in the process.
 * <ul>
 *   <li>WebSocket {@code /chat}: {@link WebSocketChat} (upstream's chat protocol) on the shared channel;</li>
 *   <li>SSE {@code /events}: {@link SsePubsub} on the topic {@code news}; {@code POST /events} publishes its body
 *       as a {@code news} event (202 with the event's id; 503 naming the cause when the store refuses it); a
 *       client resuming with {@code Last-Event-ID} on any instance is sent what it missed;</li>
 *   <li>{@code POST /login?user=NAME}, {@code GET /me} (401 when not logged in), {@code POST /logout}: a session
 *       ({@link Session}, cookie {@code pagi_session}) in the shared store;</li>
 *   <li>{@code GET /api/limited}: {@link RateLimit} per client address (after {@link ProxyHeaders}, nginx on
 *       127.0.0.1 trusted), {@code PAGI_RATE_BURST} requests and then one a minute, counted in the shared
 *       store;</li>
 *   <li>{@code GET /whoami}: the instance's name, also in the {@code x-instance} header of every answer.</li>
 * </ul>
 * Redis unreachable at startup stops the instance with an error naming the address. Async throughout; thread-safe.
 */
public final class App implements Application {
    /** The topic of the event feed. */
    static final String TOPIC = "news";

    private final Settings settings;
    private final Backends backends;
    private final Application app;

    /** The example as {@code bin/pagi-server --app} creates it: configured by the environment. */
    public App() {
        this(Settings.from(System.getenv()));
    }

    /** @param env the environment to read ({@code PAGI_INSTANCE}, {@code PAGI_REDIS_URL}, {@code PAGI_RATE_BURST}) */
    public App(Map<String, String> env) {
        this(Settings.from(env));
    }

    private App(Settings settings) {
        this.settings = settings;
        this.backends = settings.redisUrl().map(Backends::redis).orElseGet(Backends::memory);
        WebSocketChat chat = WebSocketChat.builder().channel(backends.channel()).build();
        SsePubsub news = SsePubsub.builder().channel(backends.channel()).topic(TOPIC).history(1000).build();
        RateLimit limit = RateLimit.builder().requestsPerSecond(1 / 60.0).burst(settings.rateBurst())
                .store(backends.limits()).build();
        Router router = Router.builder()
                .get("/whoami", (scope, receive, send) -> Response.text(settings.instance()).respond(scope, send))
                .websocket("/chat", chat)
                .sse("/events", news)
                .post("/events", this::publish)
                .post("/login", App::login)
                .get("/me", App::me)
                .post("/logout", App::logout)
                .get("/api/limited", (scope, receive, send) -> Response.text("ok").respond(scope, send), limit)
                .build();
        Application stack = MiddlewareStack.builder()
                .enable(ProxyHeaders.builder().trustedProxy("127.0.0.1").build())
                .enable(new InstanceHeader(settings.instance()))
                .enable(Session.builder().store(backends.sessions()).build())
                .build(router);
        this.app = Lifespan.wrap(stack).onShutdown("backends", life -> {
            backends.close();
            return CompletableFuture.completedFuture(null);
        });
    }

    /** @return this instance's name */
    public String instance() {
        return settings.instance();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private CompletionStage<Void> publish(Scope scope, Receive receive, Send send) {
        return Request.of(scope, receive).text()
                .thenCompose(text -> backends.channel().publish(TOPIC, ChannelPayload.text(text).withEvent(TOPIC)))
                .handle((message, failure) -> failure == null
                        ? Response.json(Map.of("id", message.id(), "instance", settings.instance())).withStatus(202)
                        : Response.text("cannot publish: " + rootMessage(failure)).withStatus(503))
                .thenCompose(response -> response.respond(scope, send));
    }

    private static CompletionStage<Void> login(Scope scope, Receive receive, Send send) {
        Request request = Request.of(scope, receive);
        String user = request.queryParam("user").orElse("").strip();
        if (user.isEmpty() || user.length() > 64) {
            return Response.text("user must be 1 to 64 characters").withStatus(400).respond(scope, send);
        }
        SessionData session = Session.of(scope).orElseThrow();
        session.regenerate(); // a new id at login: a session id planted before it is worth nothing after
        session.set("user", user);
        return Response.text("logged in as " + user).respond(scope, send);
    }

    private static CompletionStage<Void> me(Scope scope, Receive receive, Send send) {
        return Session.of(scope).flatMap(s -> s.get("user"))
                .map(user -> Response.text(user))
                .orElseGet(() -> Response.text("not logged in").withStatus(401))
                .respond(scope, send);
    }

    private static CompletionStage<Void> logout(Scope scope, Receive receive, Send send) {
        Session.of(scope).ifPresent(SessionData::destroy);
        return Response.text("logged out").respond(scope, send);
    }

    /** @return the failure's own message: the channel's names the store's address and what went wrong */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
