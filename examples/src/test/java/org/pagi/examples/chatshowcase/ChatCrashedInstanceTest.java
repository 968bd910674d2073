package org.pagi.examples.chatshowcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pagi.examples.chatshowcase.ChatShowcaseChecks.QUIET;
import static org.pagi.examples.chatshowcase.ChatShowcaseChecks.connect;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pagi.examples.chatshowcase.ChatShowcaseChecks.User;
import org.pagi.examples.cluster.ServerInstance;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;

/**
 * An instance that crashes takes its users out of every other instance's lists: instance A runs as a JVM of its
 * own on Debian's redis-server ({@code PAGI_CHANNEL}, presence entries living three seconds unless renewed), alice is
 * connected to it; B runs here, bob on it. A is killed (SIGKILL, nothing said to anyone); bob's user list loses
 * alice once her entry expires, with nobody having left.
 */
@Timeout(90)
class ChatCrashedInstanceTest {
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final RedisChannels redis = new RedisChannels();

    @Test
    void theUsersOfAnInstanceThatCrashedVanishFromTheOthersLists() throws Exception {
        String channel = redis.url() + "?history=100&presenceTtl=3000";
        try (ServerInstance a = ServerInstance.of(App.class.getName()).env("PAGI_CHANNEL", channel).start();
                InProcessClient b = InProcessClient.start(new App(QUIET, redis.open()));
                HttpClient http = HttpClient.newHttpClient()) {
            LinkedBlockingQueue<String> alice = new LinkedBlockingQueue<>();
            WebSocket aliceSocket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + a.port() + "/ws/chat?name=alice"), collect(alice))
                    .get(10, TimeUnit.SECONDS);
            String aliceId = (String) json(next(alice)).get("user_id"); // connected
            assertEquals("joined", json(next(alice)).get("type"));

            User bob = connect(b, "bob");
            assertEquals(List.of("alice", "bob"), names(users(bob)), "alice, on the other instance, is listed");

            a.kill(); // a crash: alice's instance neither leaves the presence nor says anything
            aliceSocket.abort();
            Instant deadline = Instant.now().plus(EXPIRY_WAIT);
            List<Map<String, Object>> listed = users(bob);
            while (listed.stream().anyMatch(u -> aliceId.equals(u.get("id"))) && Instant.now().isBefore(deadline)) {
                listed = users(bob); // asked again until her entry expired
            }
            assertEquals(List.of("bob"), names(listed), "alice's entry expired with her instance");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> users(User user) {
        user.say("general", "/users");
        return (List<Map<String, Object>>) user.next("user_list").get("users");
    }

    private static List<Object> names(List<Map<String, Object>> users) {
        return users.stream().map(u -> u.get("name")).toList();
    }

    private static String next(LinkedBlockingQueue<String> messages) throws InterruptedException {
        String message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message from the instance within 10 s");
        }
        return message;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return Json.decode(Bytes.utf8(text), Map.class);
    }

    /** A listener that queues each text message whole. */
    private static WebSocket.Listener collect(LinkedBlockingQueue<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }
}
