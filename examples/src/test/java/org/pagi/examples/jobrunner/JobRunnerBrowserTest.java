package org.pagi.examples.jobrunner;

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
 * The job runner's page in headless Chromium, served by the example on a real server: a person picks a countdown,
 * creates it, opens it, and watches its progress go step by step to completion. The job waits on {@link Steps},
 * so the test lets it take each step and looks for that step on the page.
 */
@Timeout(60)
class JobRunnerBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(10);
    private static final String DETAIL = "[document.querySelector('#detail-progress-fill')?.textContent.trim(),"
            + " document.querySelector('#detail-progress-message')?.textContent]";

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    private static void see(BrowserPage page, String percent, String message) {
        page.waitFor(DETAIL + ".join('|') === '" + percent + "|" + message + "'", SHOWN);
    }

    @Test
    void aCountdownStartedFromThePageShowsItsProgressToCompletion() {
        Steps steps = new Steps();
        App app = App.builder().pause(steps).build();
        try (LiveServerClient live = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                BrowserPage page = BROWSER.open("http://127.0.0.1:" + live.server().port() + "/")) {
            page.viewport(1280, 720);
            page.waitFor("document.querySelector('.status-text').textContent === 'Connected'"
                    + " && document.querySelectorAll('.job-type-btn').length === 4", SHOWN);

            page.click(".job-type-btn[data-type='countdown']");
            page.waitFor("document.querySelector('#param-seconds')?.value === '10'", SHOWN); // upstream's default
            page.evaluate("document.querySelector('#param-seconds').value = ''");
            page.type("#param-seconds", "3");
            page.click("#submit-btn");
            page.waitFor("document.querySelector(\".job-card[data-job-id='1'] .job-status\")?.textContent"
                    + " === 'running'", SHOWN);
            page.click(".job-card[data-job-id='1']");

            steps.awaitEntered(1);
            see(page, "0%", "3 seconds remaining...");
            steps.release(1);
            see(page, "33%", "2 seconds remaining...");
            steps.release(1);
            see(page, "66%", "1 second remaining...");
            steps.release(1);
            page.waitFor("document.querySelector('#job-details .job-status')?.textContent === 'completed'", SHOWN);
            assertEquals(List.of("100%", "Complete"), page.evaluate(DETAIL));
            assertEquals(List.of("0", "0", "1"), page.evaluate("['#stat-pending', '#stat-running', '#stat-completed']"
                    + ".map(s => document.querySelector(s).textContent)"));
            assertEquals("{\n  \"message\": \"Countdown complete!\",\n  \"duration\": 3\n}",
                    page.evaluate("document.querySelectorAll('#job-details .result-box')[1].textContent"));
            assertEquals(List.of(), page.problemsSoFar());
            page.screenshot("11-job-runner");
        }
    }
}
