package org.pagi.examples.endpointrouterdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pagi.examples.browser.BrowserPage;
import org.pagi.examples.browser.ChromiumExtension;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;

/**
 * The endpoint-router-demo page in headless Chromium on a real server (metrics every 200 ms): creating a user,
 * talking on the WebSocket, and the metrics stream counting what the person did.
 */
@Timeout(60)
class EndpointRouterDemoBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(10);

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    /** A log's lines, oldest first, without the local time each starts with. */
    private static String lines(String id) {
        return "[...document.getElementById('" + id + "').children]"
                + ".map(e => e.textContent.replace(/^\\S+(?: [AP]M)? /, ''))";
    }

    private static String users() {
        return "[...document.getElementById('users-list').children].map(e => e.textContent)";
    }

    @Test
    void aPersonCreatesAUserEchoesAMessageAndWatchesTheMetricsCountIt() {
        try (LiveServerClient live = LiveServerClient.start(new App(Duration.ofMillis(200)),
                ExecutionMode.VIRTUAL_THREADS);
                BrowserPage page = BROWSER.open("http://127.0.0.1:" + live.server().port() + "/")) {
            page.viewport(960, 1240);
            assertEquals("Endpoint Router Demo", page.text("h1"));
            page.waitFor(users() + ".length === 2", SHOWN);
            assertEquals(List.of("Alice (alice@example.com) - ID: 1", "Bob (bob@example.com) - ID: 2"),
                    page.evaluate(users()));

            page.type("#user-name", "<i>Cy</i>");
            page.type("#user-email", "cy@example.com");
            page.click("#create-user");
            page.waitFor("document.getElementById('create-status').textContent === 'Created user #3' && "
                    + users() + ".length === 3", SHOWN);
            assertEquals("<i>Cy</i> (cy@example.com) - ID: 3", page.evaluate(users() + "[2]"),
                    "the name is shown as typed, not as markup");

            page.click("#ws-connect");
            page.waitFor("document.getElementById('ws-status').textContent === 'Connected' && "
                    + lines("ws-log") + ".includes('Received: {\"type\":\"connected\"}')", SHOWN);
            page.type("#ws-input", "hello router");
            page.pressEnter();
            page.waitFor(lines("ws-log") + ".some(l => l.startsWith("
                    + "'Received: {\"type\":\"echo\",\"data\":{\"text\":\"hello router\",\"timestamp\":'))", SHOWN);
            assertEquals(List.of("Connected to /ws/echo", "Received: {\"type\":\"connected\"}", "Sent: hello router"),
                    page.evaluate(lines("ws-log") + ".slice(0, 3)"));

            page.click("#sse-connect");
            // the page (1), the users list twice (2), the creation (1), the upgrade (1); one socket, one message
            page.waitFor(lines("sse-log") + ".includes('Metrics: requests=5 ws_active=1 ws_msgs=1 seq=2')", SHOWN);
            assertEquals(List.of("Connected: {\"status\":\"ok\",\"message\":\"Fresh connection\"}",
                    "Metrics: requests=5 ws_active=1 ws_msgs=1 seq=1",
                    "Metrics: requests=5 ws_active=1 ws_msgs=1 seq=2"), page.evaluate(lines("sse-log") + ".slice(0, 3)"));
            assertEquals("Connected", page.text("#sse-status"));

            page.click("#ws-connect"); // now "Disconnect"
            page.waitFor("document.getElementById('ws-status').textContent === 'Disconnected'", SHOWN);
            page.waitFor(lines("sse-log") + ".some(l => l.startsWith('Metrics: requests=5 ws_active=0 ws_msgs=1'))",
                    SHOWN);
            page.click("#sse-disconnect");
            page.waitFor(lines("sse-log") + ".at(-1) === 'Manually disconnected'", SHOWN);
            assertEquals(List.of(), page.problemsSoFar());
            page.screenshot("endpoint-router-demo");
        }
    }
}
