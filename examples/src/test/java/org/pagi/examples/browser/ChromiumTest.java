package org.pagi.examples.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The page-test harness itself, on pages given as {@code data:} URLs, so no server is involved. */
@Timeout(60)
class ChromiumTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final String FORM = """
            <!DOCTYPE html><title>form</title>
            <input id="name"><button id="go">go</button><p id="out"></p>
            <script>
              const out = document.getElementById('out');
              const name = document.getElementById('name');
              document.getElementById('go').addEventListener('click', e => {
                out.textContent = 'clicked ' + name.value + ' trusted=' + e.isTrusted;
              });
              name.addEventListener('keydown', e => {
                if (e.key === 'Enter') out.textContent = 'enter ' + name.value;
              });
            </script>""";

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    private BrowserPage page;

    @BeforeEach
    void openForm() {
        page = BROWSER.open(dataUrl(FORM));
    }

    @AfterEach
    void closeForm() {
        page.close();
    }

    static String dataUrl(String html) {
        return "data:text/html;base64," + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void typesAndClicksAsAPersonDoesAndReadsWhatThePageShows() {
        page.type("#name", "Ann é");
        page.click("#go");
        assertEquals("clicked Ann é trusted=true", page.waitFor("out.textContent || null", SOON));
        assertEquals("clicked Ann é trusted=true", page.text("#out"));
    }

    @Test
    void pressesEnterOnTheFocusedElement() {
        page.type("#name", "bob");
        page.pressEnter();
        assertEquals("enter bob", page.waitFor("out.textContent || null", SOON));
    }

    @Test
    void evaluatesExpressionsAwaitsPromisesAndReturnsJsonValues() {
        assertEquals(42, page.evaluate("new Promise(r => setTimeout(() => r(42), 50))"));
        assertEquals(Map.of("a", List.of(1, "x", true)), page.evaluate("({a: [1, 'x', true]})"));
        assertEquals(null, page.evaluate("undefined"));
    }

    @Test
    void aThrowingExpressionFailsWithThePagesMessage() {
        AssertionError e = assertThrows(AssertionError.class, () -> page.evaluate("throw new Error('boom')"));
        assertTrue(e.getMessage().contains("Error: boom"), e.getMessage());
        assertThrows(AssertionError.class, () -> page.text("#missing"));
    }

    @Test
    void waitsForAConditionThatBecomesTrueLater() {
        page.evaluate("setTimeout(() => { document.title = 'later'; }, 300); 0");
        assertEquals(true, page.waitFor("document.title === 'later'", SOON));
    }

    @Test
    void aConditionNeverMetFailsAtTheDeadlineNamingItsLastValueAndThePagesErrors() {
        page.evaluate("console.error('something broke'); 0");
        long started = System.nanoTime();
        AssertionError never = assertThrows(AssertionError.class,
                () -> page.waitFor("document.title === 'never' || 0", Duration.ofMillis(200)));
        assertTrue(never.getMessage().contains("`document.title === 'never' || 0`"), never.getMessage());
        assertTrue(never.getMessage().contains("its last value: 0"), never.getMessage());
        assertTrue(never.getMessage().contains("something broke"), never.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(200)) >= 0);
    }

    @Test
    void savesTheViewportAsAPngOfTheSizeAsked() throws Exception {
        page.viewport(320, 200);
        Path png = page.screenshot("chromium-test");
        assertEquals(BrowserPage.SCREENSHOTS.resolve("chromium-test.png"), png);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8); // IHDR: width, height
        assertEquals(320, header.getInt());
        assertEquals(200, header.getInt());
    }

    @Test
    void aPageThatCannotBeLoadedFailsWithTheBrowsersError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + closedPort + "/";
        AssertionError e = assertThrows(AssertionError.class, () -> BROWSER.open(url));
        assertTrue(e.getMessage().contains("could not load " + url + ": net::ERR_CONNECTION_REFUSED"),
                e.getMessage());
    }

    @Test
    void closingEndsEveryProcessOfTheBrowserAndDeletesItsProfile() {
        Chromium own = Chromium.launch();
        own.open(dataUrl(FORM)); // a renderer process too
        ProcessHandle browser = ProcessHandle.of(own.pid()).orElseThrow();
        List<ProcessHandle> tree = browser.descendants().toList();
        assertFalse(tree.isEmpty(), "Chromium runs its pages in processes of their own");
        assertTrue(Files.isDirectory(own.profile()));

        own.close();

        assertFalse(browser.isAlive());
        tree.forEach(p -> assertFalse(p.isAlive(), "process " + p.pid() + " outlived the browser"));
        assertFalse(Files.exists(own.profile()), "the profile " + own.profile() + " was left behind");
        own.close(); // a second close does nothing
    }

    @Test
    void aMissingBrowserFailsSayingHowToInstallIt() {
        AssertionError e = assertThrows(AssertionError.class, () -> Chromium.launch(Path.of("/nonexistent/chromium")));
        assertTrue(e.getMessage().contains("/nonexistent/chromium, which is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y chromium"), e.getMessage());
    }
}
