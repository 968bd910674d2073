package org.pagi.wrappers.apicheck;

import java.util.Map;

/**
 * Plain-Java programs written against the wrappers' public API the way a new user would write them from the
 * README, one per wrapper. {@link NewUserApiTest} compiles them against the main classes only and runs them.
 */
final class NewUserSources {

    private NewUserSources() {
    }

    /** A functional router: a fixed answer, a path parameter and a query parameter; async handlers. */
    static final String HELLO = """
            package demo;

            import org.pagi.spec.Application;
            import org.pagi.wrappers.request.Request;
            import org.pagi.wrappers.response.Response;
            import org.pagi.wrappers.routing.Router;

            public final class HelloApp {
                private HelloApp() {
                }

                public static Application app() {
                    return Router.builder()
                            .get("/", (scope, receive, send) -> Response.text("Hello, world").respond(scope, send))
                            .get("/hello/{name}", (scope, receive, send) -> {
                                Request req = Request.of(scope, receive);
                                String greeting = req.queryParam("greeting").orElse("Hello");
                                return Response.text(greeting + ", " + req.pathParam("name")).respond(scope, send);
                            })
                            .build();
                }
            }
            """;

    /** A small JSON API with blocking handlers: create, list and fetch records; bad input answered 400/415. */
    static final String TODO_API = """
            package demo;

            import java.util.Map;
            import java.util.concurrent.ConcurrentSkipListMap;
            import java.util.concurrent.atomic.AtomicInteger;
            import org.pagi.spec.Application;
            import org.pagi.wrappers.Blocking;
            import org.pagi.wrappers.request.Request;
            import org.pagi.wrappers.request.RequestException;
            import org.pagi.wrappers.response.Response;
            import org.pagi.wrappers.routing.Router;

            public final class TodoApi {
                public record Todo(String title, boolean done) {
                }

                private final Map<Integer, Todo> todos = new ConcurrentSkipListMap<>();
                private final AtomicInteger ids = new AtomicInteger();

                public Application app() {
                    return Router.builder()
                            .get("/todos", Blocking.app((scope, receive, send) ->
                                    Response.json(todos).blocking().respond(scope, send)))
                            .post("/todos", Blocking.app((scope, receive, send) -> {
                                Request req = Request.of(scope, receive);
                                Response answer;
                                try {
                                    Todo todo = req.blocking().json(Todo.class);
                                    int id = ids.incrementAndGet();
                                    todos.put(id, todo);
                                    answer = Response.json(Map.of("id", id, "todo", todo)).withStatus(201);
                                } catch (RequestException e) {
                                    answer = e.toResponse();
                                }
                                answer.blocking().respond(scope, send);
                            }))
                            .get("/todos/{id:int}", Blocking.app((scope, receive, send) -> {
                                Request req = Request.of(scope, receive);
                                Todo todo = todos.get(Integer.parseInt(req.pathParam("id")));
                                Response answer = todo == null ? Response.text("no such todo").withStatus(404)
                                        : Response.json(todo);
                                answer.blocking().respond(scope, send);
                            }))
                            .build();
                }
            }
            """;

    /** A chat room: every text a member sends goes to every member; blocking handler, one virtual thread each. */
    static final String CHAT_ROOM = """
            package demo;

            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            import org.pagi.spec.Application;
            import org.pagi.wrappers.Blocking;
            import org.pagi.wrappers.routing.Router;
            import org.pagi.wrappers.websocket.BlockingWebSocket;
            import org.pagi.wrappers.websocket.Message;
            import org.pagi.wrappers.websocket.WebSocket;

            public final class ChatRoom {
                private final Set<WebSocket> members = ConcurrentHashMap.newKeySet();

                public Application app() {
                    return Router.builder()
                            .websocket("/chat/{nick}", Blocking.app((scope, receive, send) -> {
                                WebSocket ws = WebSocket.of(scope, receive, send);
                                String nick = ws.pathParam("nick");
                                BlockingWebSocket socket = ws.blocking();
                                socket.accept();
                                members.add(ws);
                                ws.onClose(closed -> members.remove(ws));
                                socket.sendText("welcome " + nick + ", " + members.size() + " here");
                                for (Message message : socket) {
                                    if (message instanceof Message.Text text) {
                                        for (WebSocket member : members) {
                                            member.trySendText(nick + ": " + text.text());
                                        }
                                    }
                                }
                            }))
                            .build();
                }
            }
            """;

    /** An SSE feed: a replay buffer resumes reconnecting clients after Last-Event-ID; async handler. */
    static final String PRICE_FEED = """
            package demo;

            import java.time.Duration;
            import org.pagi.spec.Application;
            import org.pagi.wrappers.response.Response;
            import org.pagi.wrappers.routing.Router;
            import org.pagi.wrappers.sse.ReplayBuffer;
            import org.pagi.wrappers.sse.ServerEvent;
            import org.pagi.wrappers.sse.Sse;

            public final class PriceFeed {
                private final ReplayBuffer prices = new ReplayBuffer(100);
                private long nextId = 1;

                public Application app() {
                    return Router.builder()
                            .sse("/prices", (scope, receive, send) -> {
                                Sse sse = Sse.of(scope, receive, send);
                                if (sse.queryParam("symbol").isEmpty()) {
                                    return sse.decline(Response.text("symbol required").withStatus(400));
                                }
                                return sse.keepalive(Duration.ofSeconds(15))
                                        .thenCompose(v -> prices.attach(sse))
                                        .thenCompose(v -> sse.disconnected())
                                        .thenAccept(reason -> { });
                            })
                            .build();
                }

                public synchronized void publish(String symbol, double price) {
                    prices.publish(ServerEvent.named("price", symbol + " " + price).withId(Long.toString(nextId++)));
                }
            }
            """;

    /** A lifespan whose startup state every request reads; shutdown reports it. Blocking hooks and handler. */
    static final String COUNTER = """
            package demo;

            import java.util.List;
            import java.util.concurrent.atomic.AtomicLong;
            import org.pagi.spec.Application;
            import org.pagi.wrappers.Blocking;
            import org.pagi.wrappers.lifespan.Lifespan;
            import org.pagi.wrappers.lifespan.StateKey;
            import org.pagi.wrappers.response.Response;
            import org.pagi.wrappers.routing.Router;

            public final class Counter {
                static final StateKey<AtomicLong> HITS = StateKey.of("counter.hits", AtomicLong.class);

                private Counter() {
                }

                public static Application app(List<String> log) {
                    Router router = Router.builder()
                            .get("/", Blocking.app((scope, receive, send) -> Response
                                    .text("hit " + HITS.get(scope).incrementAndGet())
                                    .blocking().respond(scope, send)))
                            .build();
                    return Lifespan.wrap(router)
                            .onStartupBlocking("hits", life -> HITS.put(life.state(), new AtomicLong()))
                            .onShutdownBlocking("hits", life -> log.add("served " + HITS.get(life).get()));
                }
            }
            """;

    /** A class-based router: a route method reference (async) and an endpoint with a blocking GET. */
    static final String SHOP = """
            package demo;

            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import org.pagi.wrappers.endpoint.EndpointRouter;
            import org.pagi.wrappers.endpoint.HttpEndpoint;
            import org.pagi.wrappers.endpoint.Methods;
            import org.pagi.wrappers.endpoint.Routes;
            import org.pagi.wrappers.request.Request;
            import org.pagi.wrappers.response.Response;

            public final class Shop extends EndpointRouter {
                @Override
                protected void routes(Routes r) {
                    r.get("/hello/{name}", this::hello)
                            .endpoint("/items", new Items());
                }

                private CompletionStage<Response> hello(Request req) {
                    return CompletableFuture.completedFuture(Response.text("hi " + req.pathParam("name")));
                }

                static final class Items extends HttpEndpoint {
                    @Override
                    protected void methods(Methods m) {
                        m.get((Request req) -> Response.json(List.of("pen", "ink")));
                    }
                }
            }
            """;

    /** Class name to source. */
    static final Map<String, String> ALL = Map.of("demo.HelloApp", HELLO, "demo.TodoApi", TODO_API,
            "demo.ChatRoom", CHAT_ROOM, "demo.PriceFeed", PRICE_FEED, "demo.Counter", COUNTER, "demo.Shop", SHOP);
}
