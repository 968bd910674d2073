package org.pagi.examples.backgroundtasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pagi.examples.browser.BrowserPage;
import org.pagi.examples.browser.ChromiumExtension;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;

/**
 * The demo page in headless Chromium, served by the example on a real server: a person signs up with the form,
 * sees the server's answer under it, and the welcome e-mail goes out after.
 */
@Timeout(60)
class BackgroundTasksBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(10);

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    @Test
    void signingUpShowsTheAnswerAndTheEmailGoesAfter() {
        List<String> log = new CopyOnWriteArrayList<>();
        App app = new App(log::add, length -> CompletableFuture.completedFuture(null));
        try (LiveServerClient live = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                BrowserPage page = BROWSER.open("http://127.0.0.1:" + live.server().port() + "/")) {
            page.viewport(800, 560);
            assertEquals("Background Tasks Demo", page.text("h1"));
            assertEquals(List.of("/async", "/blocking"),
                    page.evaluate("[...document.querySelectorAll('li a')].map(a => a.textContent)"));

            page.type("input[name=email]", "ada@example.org");
            page.click("button[type=submit]");
            page.waitFor("document.querySelector('#result').textContent !== ''", SHOWN);
            assertEquals(Map.of("status", "created", "message", "Account created! Check ada@example.org for welcome email."),
                    Json.decode(Bytes.utf8(page.text("#result")), Object.class));
            Await.until(() -> log.contains("[async] Email sent to ada@example.org!"), "the e-mail went", log);
            assertEquals(List.of(), page.problemsSoFar());
            page.screenshot("background-tasks");
        }
    }
}
