package org.pagi.examples.endpointdemo;

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
 * The endpoint-demo page in headless Chromium on a real server: what a person sees in its three cards after
 * posting a message, sending on the WebSocket and listing the messages again, and when someone else posts.
 */
@Timeout(60)
class EndpointDemoBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(10);

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    /** A card's log, oldest first (the page shows the newest on top), without the local time of each line. */
    private static String log(String id) {
        return "[...document.getElementById('" + id + "').children]"
                + ".map(e => e.textContent.replace(/^\\S+(?: [AP]M)? /, '')).reverse()";
    }

    private static String shows(String id, String text) {
        return log(id) + ".includes(" + quoted(text) + ")";
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void theThreeCardsShowTheApiAnswersTheEchoAndTheEvents() {
        App app = new App();
        try (LiveServerClient live = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                BrowserPage page = BROWSER.open("http://127.0.0.1:" + live.server().port() + "/")) {
            page.viewport(1200, 500);
            page.waitFor(shows("http-log", "GET: " + EndpointDemoChecks.FIRST_TWO)
                    + " && " + shows("ws-log", "Received: {\"type\":\"connected\",\"message\":\"Welcome!\"}")
                    + " && " + shows("sse-log", "Event: {\"subscriber_id\":1}"), SHOWN);

            page.type("#message", "Hi from the browser");
            page.click("#post");
            page.waitFor(shows("http-log", "POST: {\"id\":3,\"text\":\"Hi from the browser\"}") + " && "
                    + shows("sse-log", "Message: {\"id\":3,\"text\":\"Hi from the browser\"}"), SHOWN);
            assertEquals("", page.evaluate("document.getElementById('message').value"), "the field is cleared");

            page.type("#ws-input", "anyone there?");
            page.click("#ws-send");
            page.waitFor(log("ws-log") + ".some(l => l.startsWith("
                    + quoted("Received: {\"type\":\"echo\",\"original\":{\"message\":\"anyone there?\"},") + "))",
                    SHOWN);

            // someone else posts: the page hears of it over SSE alone
            assertEquals(201, live.send(EndpointDemoChecks.postJson("{\"text\":\"from curl\"}")).status());
            page.waitFor(shows("sse-log", "Message: {\"id\":4,\"text\":\"from curl\"}"), SHOWN);

            page.click("#get");
            String all = EndpointDemoChecks.FIRST_TWO.replace("]",
                    ",{\"id\":3,\"text\":\"Hi from the browser\"},{\"id\":4,\"text\":\"from curl\"}]");
            page.waitFor(shows("http-log", "GET: " + all), SHOWN);

            assertEquals(List.of(
                    "GET: " + EndpointDemoChecks.FIRST_TWO,
                    "POST: {\"id\":3,\"text\":\"Hi from the browser\"}",
                    "GET: " + all), page.evaluate(log("http-log")));
            assertEquals(List.of(
                    "Connected",
                    "Event: {\"subscriber_id\":1}",
                    "Message: {\"id\":3,\"text\":\"Hi from the browser\"}",
                    "Message: {\"id\":4,\"text\":\"from curl\"}"), page.evaluate(log("sse-log")));
            assertEquals(List.of("Connected", "Received: {\"type\":\"connected\",\"message\":\"Welcome!\"}",
                    "Sent: anyone there?"), page.evaluate(log("ws-log") + ".slice(0, 3)"));
            assertEquals(4, ((List<?>) page.evaluate(log("ws-log"))).size(), "the echo is the fourth line");
            page.waitFor(log("ws-log") + "[3].match(/\"timestamp\":\\d{10}(\\.\\d+)?}$/)", SHOWN); // seconds, written plain
            assertEquals(List.of(), page.problemsSoFar());
            page.screenshot("endpoint-demo");
        }
    }
}
