package org.pagi.examples.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.pagi.compliance.blackbox.Target;
import org.pagi.compliance.proxy.NginxProcess;
import org.pagi.examples.cluster.ServerInstance;
import org.pagi.middleware.redis.RedisServerProcess;

/**
 * Issue 11's proof: Debian's redis-server, three {@code pagi-server} JVMs running {@link App} on it, and Debian's
 * nginx balancing round robin in front; every client talks to nginx only. A chat message crosses instances in
 * order, a session and its logout are seen by all, the rate limit is global, an event stream resumes on another
 * instance with what it missed, and killing an instance mid-stream loses nothing. The instance killed last runs
 * last ({@link Order}). Loopback only; every process stopped by PID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ScaleOutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BURST = 5;

    private RedisServerProcess redis;
    private final List<ServerInstance> instances = new ArrayList<>();
    private NginxProcess nginx;
    private HttpClient http;
    private Target target;

    @BeforeAll
    void startTheCluster() throws Exception {
        redis = RedisServerProcess.start();
        try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ServerInstance>> starting = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                starting.add(CompletableFuture.supplyAsync(() -> start(name), starter));
            }
            for (CompletableFuture<ServerInstance> s : starting) {
                instances.add(s.join());
            }
        }
        nginx = NginxProcess.start(instances.stream().map(ServerInstance::port).toList());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
        target = new Target("127.0.0.1", nginx.port(), false, WAIT);
    }

    private ServerInstance start(String name) {
        try {
            return ServerInstance.of(App.class.getName()).env("PAGI_REDIS_URL", redis.url())
                    .env("PAGI_INSTANCE", name).env("PAGI_RATE_BURST", Integer.toString(BURST))
                    .readyPath("/whoami").start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopTheCluster() throws Exception {
        if (http != null) {
            http.shutdownNow();
            http.awaitTermination(Duration.ofSeconds(5));
        }
        if (nginx != null) {
            nginx.close();
        }
        instances.forEach(ServerInstance::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void nginxSpreadsRequestsOverTheThreeInstances() throws Exception {
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = get("/whoami", Map.of());
            assertEquals(200, r.statusCode());
            assertEquals(r.body(), r.headers().firstValue("x-instance").orElseThrow());
            answered.add(r.body());
        }
        assertEquals(Set.of("a", "b", "c"), answered);
    }

    @Test
    @Order(2)
    void aChatMessageReachesTheUsersOfTheOtherInstancesInOrder() throws Exception {
        Map<String, ChatClient> byInstance = oneChatUserPerInstance();
        try {
            ChatClient from = byInstance.get("a");
            for (int i = 1; i <= 5; i++) {
                from.say("m" + i);
            }
            for (String other : List.of("b", "c")) {
                for (int i = 1; i <= 5; i++) {
                    assertEquals("m" + i, byInstance.get(other).next("message").path("message").asText(),
                            "user on " + other);
                }
            }
        } finally {
            for (ChatClient c : byInstance.values()) {
                c.close();
            }
        }
    }

    @Test
    @Order(3)
    void aSessionCreatedOnOneInstanceIsValidOnAllAndALogoutIsSeenByAll() throws Exception {
        HttpResponse<String> login = post("/login?user=alice", "", Map.of());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("pagi_session="))
                .findFirst().orElseThrow().split(";", 2)[0];
        Set<String> sawAlice = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> me = get("/me", Map.of("cookie", cookie));
            assertEquals(200, me.statusCode(), "on " + me.headers().firstValue("x-instance"));
            assertEquals("alice", me.body());
            sawAlice.add(me.headers().firstValue("x-instance").orElseThrow());
        }
        assertEquals(Set.of("a", "b", "c"), sawAlice);

        assertEquals(200, post("/logout", "", Map.of("cookie", cookie)).statusCode());
        Set<String> sawLogout = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> me = get("/me", Map.of("cookie", cookie));
            assertEquals(401, me.statusCode(), "the old cookie after logout, on " + me.headers().firstValue("x-instance"));
            sawLogout.add(me.headers().firstValue("x-instance").orElseThrow());
        }
        assertEquals(Set.of("a", "b", "c"), sawLogout);
    }

    @Test
    @Order(4)
    void theRateLimitIsGlobalWhicheverInstanceAnswers() throws Exception {
        Map<String, String> client = Map.of("x-forwarded-for", "198.51.100.7"); // nginx appends 127.0.0.1
        Map<Integer, Set<String>> byStatus = new HashMap<>();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < BURST + 4; i++) {
            HttpResponse<String> r = get("/api/limited", client);
            statuses.add(r.statusCode());
            byStatus.computeIfAbsent(r.statusCode(), s -> new HashSet<>())
                    .add(r.headers().firstValue("x-instance").orElseThrow());
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < BURST + 4; i++) {
            expected.add(i < BURST ? 200 : 429);
        }
        assertEquals(expected, statuses, "one bucket for the client, shared by the instances");
        assertEquals(3, byStatus.get(200).size(), "the allowed requests were answered by every instance");
        assertEquals(3, byStatus.get(429).size(), "and so were the refused ones");
        assertEquals(200, get("/api/limited", Map.of("x-forwarded-for", "198.51.100.8")).statusCode(),
                "another client has its own bucket");
    }

    @Test
    @Order(5)
    void anEventStreamResumedOnAnotherInstanceGetsEveryEventItMissed() throws Exception {
        String lastSeen;
        String first;
        try (SseClient stream = SseClient.open(http, uri("/events"), Optional.empty())) {
            first = stream.instance();
            publishAll("r1", "r2", "r3");
            lastSeen = expectEvents(stream, "r1", "r2", "r3");
        }
        publishAll("r4", "r5", "r6"); // missed while away
        try (SseClient resumed = openElsewhere(first, lastSeen)) {
            String last = expectEvents(resumed, "r4", "r5", "r6");
            publishAll("r7");
            SseClient.Event next = resumed.next(WAIT);
            assertEquals("r7", next.data(), "live after the replay, nothing repeated");
            assertFalse(next.id().equals(last));
        }
    }

    @Test
    @Order(6)
    void killingAnInstanceMidStreamLosesNothingAndTheOthersKeepServing() throws Exception {
        Map<String, ChatClient> chat = oneChatUserPerInstance();
        SseClient stream = SseClient.open(http, uri("/events"), Optional.empty());
        String victim = stream.instance();
        List<String> survivors = new ArrayList<>(List.of("a", "b", "c"));
        survivors.remove(victim);
        try {
            publishAll("k1");
            String lastSeen = expectEvents(stream, "k1");

            instance(victim).kill();
            assertEquals(SseClient.Event.END, stream.next(WAIT), "the stream ended with its instance");
            assertTrue(chat.get(victim).dropped(), "the chat user on the killed instance was disconnected");

            publishAll("k2", "k3"); // published while the client is away, through the survivors
            stream.close();
            stream = SseClient.open(http, uri("/events"), Optional.of(lastSeen));
            assertTrue(survivors.contains(stream.instance()), "reconnected to a survivor: " + stream.instance());
            expectEvents(stream, "k2", "k3");

            ChatClient back = ChatClient.connect(target); // the dropped user comes back through nginx
            chat.put(victim, back);
            assertTrue(survivors.contains(back.instance()));
            chat.get(survivors.get(0)).say("after");
            assertEquals("after", back.next("message").path("message").asText());
            assertEquals("after", chat.get(survivors.get(1)).next("message").path("message").asText());

            Set<String> answered = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> r = get("/whoami", Map.of());
                assertEquals(200, r.statusCode(), "every request answered after the kill");
                answered.add(r.body());
            }
            assertEquals(Set.copyOf(survivors), answered);
        } finally {
            stream.close();
            for (ChatClient c : chat.values()) {
                c.close();
            }
        }
    }

    /** Connects chat users through nginx until one landed on each instance; the extra ones leave. */
    private Map<String, ChatClient> oneChatUserPerInstance() throws IOException {
        Map<String, ChatClient> byInstance = new HashMap<>();
        List<ChatClient> extra = new ArrayList<>();
        for (int attempt = 0; attempt < 12 && byInstance.size() < 3; attempt++) {
            ChatClient c = ChatClient.connect(target);
            if (byInstance.putIfAbsent(c.instance(), c) != null) {
                extra.add(c);
            }
        }
        for (ChatClient c : extra) {
            c.close();
        }
        assertEquals(Set.of("a", "b", "c"), byInstance.keySet(), "a chat user on each instance");
        return byInstance;
    }

    /** Reconnects with {@code Last-Event-ID} until an instance other than {@code not} answers. */
    private SseClient openElsewhere(String not, String lastEventId) throws Exception {
        for (int attempt = 0; attempt < 6; attempt++) {
            SseClient s = SseClient.open(http, uri("/events"), Optional.of(lastEventId));
            if (!s.instance().equals(not)) {
                return s;
            }
            s.close();
        }
        throw new AssertionError("nginx never sent the stream to an instance other than " + not);
    }

    /** @return the id of the last event, after checking the next events carry exactly {@code data}, in order */
    private static String expectEvents(SseClient stream, String... data) throws InterruptedException {
        String id = "";
        for (String d : data) {
            SseClient.Event e = stream.next(WAIT);
            assertEquals(d, e.data(), "events in order, none missing or repeated (from " + stream.instance() + ")");
            assertEquals(App.TOPIC, e.event());
            assertFalse(e.id().isEmpty(), "every event has an id to resume from");
            id = e.id();
        }
        return id;
    }

    private void publishAll(String... data) throws Exception {
        for (String d : data) {
            HttpResponse<String> r = post("/events", d, Map.of("content-type", "text/plain"));
            assertEquals(202, r.statusCode(), r.body());
        }
    }

    private ServerInstance instance(String name) {
        return instances.get(List.of("a", "b", "c").indexOf(name));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + nginx.port() + path);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(WAIT);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
