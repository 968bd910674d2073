package org.pagi.examples.appfile;

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
 * The static site in headless Chromium, served by the example on a real server: the index page with its
 * stylesheet applied, and a link followed to a text file.
 */
@Timeout(60)
class AppFileBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(10);

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    @Test
    void theIndexShowsStyledWithItsLinksAndALinkLeadsToItsFile() {
        try (LiveServerClient live = LiveServerClient.start(new App(), ExecutionMode.VIRTUAL_THREADS);
                BrowserPage page = BROWSER.open("http://127.0.0.1:" + live.server().port() + "/")) {
            page.viewport(900, 420);
            assertEquals("Welcome to PAGI::App::File", page.text("h1"));
            assertEquals(List.of("test.txt - Plain text file", "data.json - JSON file", "subdir/ - Subdirectory"),
                    page.evaluate("[...document.querySelectorAll('li')].map(li => li.textContent)"));
            // style.css came with text/css and was applied: its background and its link colour
            page.waitFor("getComputedStyle(document.body).backgroundColor === 'rgb(245, 245, 245)'", SHOWN);
            assertEquals("rgb(0, 102, 204)", page.evaluate("getComputedStyle(document.querySelector('a')).color"));
            assertEquals(List.of(), page.problemsSoFar());
            page.screenshot("app-01-file");

            page.click("a[href='test.txt']");
            page.waitFor("location.pathname === '/test.txt' && document.readyState === 'complete'", SHOWN);
            assertEquals(AppFileChecks.shipped("test.txt").strip(), page.text("body").strip());
        }
    }
}
