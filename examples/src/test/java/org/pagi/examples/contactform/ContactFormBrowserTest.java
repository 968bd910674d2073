package org.pagi.examples.contactform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.examples.browser.BrowserPage;
import org.pagi.examples.browser.ChromiumExtension;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;

/**
 * The contact form in headless Chromium, served by the example on a real server with its real 5 MB limit: a
 * person fills the form, attaches a file that is too large and sees the error, then attaches a small one and sees
 * the thank-you; the file chosen through DevTools as the file dialog would.
 */
@Timeout(60)
class ContactFormBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(15);
    private static final String RESULT = "[document.querySelector('#result').className,"
            + " [...document.querySelectorAll('#result p')].map(p => p.textContent)]";

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    @TempDir
    Path files;
    @TempDir
    Path uploads;

    private static void fill(BrowserPage page) {
        page.type("#name", "Ada Lovelace");
        page.type("#email", "ada@example.org");
        page.type("#message", "Notes on the analytical engine, attached.");
    }

    @Test
    void refusesAnOversizedUploadWithAVisibleErrorThenAcceptsAValidOne() throws IOException {
        Path large = Files.write(files.resolve("engine.txt"), new byte[(int) App.DEFAULT_MAX_FILE_BYTES + 1]);
        Path small = Files.writeString(files.resolve("notes.txt"), "Note G: Bernoulli numbers\n");
        App app = App.builder().uploadDir(uploads).build();
        try (LiveServerClient live = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                BrowserPage page = BROWSER.open("http://127.0.0.1:" + live.server().port() + "/")) {
            page.viewport(800, 1000);
            fill(page);
            page.setFiles("#attachment", large);
            page.click("button[type=submit]");
            page.waitFor("document.querySelector('#result').className === 'error'", SHOWN);
            assertEquals(List.of("error", List.of("File too large (max 5MB)")), page.evaluate(RESULT));
            assertEquals("Ada Lovelace", page.evaluate("document.querySelector('#name').value"),
                    "the refused form keeps what was typed");
            page.screenshot("13-contact-form-too-large");
            try (Stream<Path> saved = Files.list(uploads)) {
                assertEquals(0, saved.count(), "nothing of the refused file was kept");
            }

            page.setFiles("#attachment", small);
            page.click("button[type=submit]");
            page.waitFor("document.querySelector('#result').className === 'success'", SHOWN);
            List<?> shown = (List<?>) ((List<?>) page.evaluate(RESULT)).get(1);
            assertEquals("Thank you for your message!", shown.get(0));
            String line = (String) shown.get(1);
            assertTrue(line.matches("Attachment saved as \\d+-[0-9a-f-]{36}\\.txt"), line);
            assertEquals("Note G: Bernoulli numbers\n",
                    Files.readString(uploads.resolve(line.substring("Attachment saved as ".length()))));
            assertEquals("", page.evaluate("document.querySelector('#name').value"), "the form was reset");
            assertEquals(List.of(), page.problemsSoFar());
            page.screenshot("13-contact-form");
        }
    }
}
