package org.pagi.examples.chatshowcase;

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
import org.pagi.spec.Application;
import org.pagi.wrappers.apps.Channel;

/**
 * The chat page in headless Chromium, two tabs of one browser on a real server: each person logs in, sees the
 * other join, a message typed in one tab appears in the other, the other leaving is shown after the grace period,
 * and the server stats in the sidebar (fed by the SSE stream) follow the people online. websocket-chat-v2 runs the
 * same test on its own application.
 */
@Timeout(90)
public class ChatShowcaseBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(10);
    /** The chat area's lines as a person reads them: a system line, or "author: text". */
    private static final String MESSAGES = "[...document.querySelectorAll('#messages .message')].map(m =>"
            + " m.classList.contains('system') ? m.textContent.trim()"
            + " : m.querySelector('.message-author').textContent + ': ' + m.querySelector('.message-text').textContent)";
    private static final String USERS = "[...document.querySelectorAll('#users-list li')].map(li => li.textContent"
            + ".replace(/\\s+/g, ' ').trim())";

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    /** @return the application under test: the chat with a short grace period and frequent stats */
    protected Application chat(ChatOptions options) {
        return new App(options);
    }

    /** @return the application under test as one of several instances sharing {@code channel} */
    protected Application chat(ChatOptions options, Channel channel) {
        return new App(options, channel);
    }

    /** @return the screenshot's name */
    protected String screenshotName() {
        return "10-chat-showcase";
    }

    private static BrowserPage logIn(LiveServerClient live, String name) {
        BrowserPage page = BROWSER.open("http://127.0.0.1:" + live.server().port() + "/");
        page.viewport(1000, 640);
        // the form remembers the last name typed in this browser, as a person would, clear it first
        page.evaluate("document.getElementById('username').value = ''");
        page.type("#username", name);
        page.pressEnter();
        page.waitFor("document.querySelector('#connection-status .status-text').textContent === 'Connected'"
                + " && document.getElementById('display-name').textContent === '" + name + "'", SHOWN);
        return page;
    }

    private static void waitForLine(BrowserPage page, String line) {
        page.waitFor(MESSAGES + ".includes(" + quote(line) + ")", SHOWN);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "\\'") + "'";
    }

    @Test
    void aMessageTypedInOneTabAppearsInTheOtherWithJoinAndLeaveShown() {
        ChatOptions options = ChatOptions.defaults().withPresenceGrace(Duration.ofMillis(300))
                .withStatsInterval(Duration.ofMillis(300));
        try (LiveServerClient live = LiveServerClient.start(chat(options), ExecutionMode.VIRTUAL_THREADS);
                BrowserPage alice = logIn(live, "alice")) {
            waitForLine(alice, "alice joined the room");
            alice.waitFor("document.getElementById('stat-users').textContent === '1'", SHOWN);

            try (BrowserPage bob = logIn(live, "bob")) {
                waitForLine(alice, "bob joined the room");
                alice.waitFor(USERS + ".join('|') === 'A alice (you)|B bob'", SHOWN);
                alice.waitFor("document.getElementById('stat-users').textContent === '2'", SHOWN);

                bob.type("#message-input", "Hello from Bob");
                bob.pressEnter();
                waitForLine(alice, "bob: Hello from Bob");
                waitForLine(bob, "bob: Hello from Bob");
                assertEquals("", bob.evaluate("document.getElementById('message-input').value"), "the input is emptied");

                alice.type("#message-input", "Hi Bob!");
                alice.pressEnter();
                waitForLine(bob, "alice: Hi Bob!");
            }
            // bob's tab is closed: after the grace period alice's tab says so, and the stats follow
            waitForLine(alice, "bob left the room");
            alice.waitFor(USERS + ".join('|') === 'A alice (you)'", SHOWN);
            alice.waitFor("document.getElementById('stat-users').textContent === '1'", SHOWN);
            assertEquals(List.of("alice joined the room", "bob joined the room", "bob: Hello from Bob",
                    "alice: Hi Bob!", "bob left the room"), alice.evaluate(MESSAGES));
            assertEquals("3", alice.text("#stat-rooms"));
            assertEquals("#general", alice.text("#current-room-name"));
            alice.screenshot(screenshotName());
        }
    }

    @Test
    void aRoomJoinedWithACommandIsListedAndLeavingItIsShownToTheOthers() {
        try (LiveServerClient live = LiveServerClient.start(chat(ChatShowcaseChecks.QUIET), ExecutionMode.EVENT_LOOP);
                BrowserPage alice = logIn(live, "alice"); BrowserPage bob = logIn(live, "bob")) {
            alice.type("#message-input", "/join lobby");
            alice.pressEnter();
            alice.waitFor("document.getElementById('current-room-name').textContent === '#lobby'", SHOWN);
            bob.type("#message-input", "/join lobby");
            bob.pressEnter();
            waitForLine(alice, "bob joined the room");
            // the button shows once bob's tab is in the room; alice may hear of it first
            bob.waitFor("document.getElementById('current-room-name').textContent === '#lobby'"
                    + " && !document.getElementById('leave-room-btn').classList.contains('hidden')", SHOWN);
            bob.click("#leave-room-btn");
            waitForLine(alice, "bob left the room");
            bob.waitFor("document.getElementById('current-room-name').textContent === '#general'", SHOWN);
            alice.waitFor(USERS + ".join('|') === 'A alice (you)'", SHOWN);
        }
    }

    @Test
    void aMessageTypedInAPageOnOneInstanceAppearsInAPageOnTheOther() {
        // Two instances on one Redis, as behind a proxy: alice's page is served by one, bob's by the other.
        try (RedisChannels redis = new RedisChannels();
                LiveServerClient a = LiveServerClient.start(chat(ChatShowcaseChecks.QUIET, redis.open()),
                        ExecutionMode.VIRTUAL_THREADS);
                LiveServerClient b = LiveServerClient.start(chat(ChatShowcaseChecks.QUIET, redis.open()),
                        ExecutionMode.EVENT_LOOP);
                BrowserPage alice = logIn(a, "alice"); BrowserPage bob = logIn(b, "bob")) {
            waitForLine(alice, "bob joined the room");
            alice.waitFor(USERS + ".join('|') === 'A alice (you)|B bob'", SHOWN);
            bob.waitFor(USERS + ".join('|') === 'A alice|B bob (you)'", SHOWN);

            bob.type("#message-input", "Hello from the other instance");
            bob.pressEnter();
            waitForLine(alice, "bob: Hello from the other instance");
            alice.type("#message-input", "Hi Bob, from mine");
            alice.pressEnter();
            waitForLine(bob, "alice: Hi Bob, from mine");
            waitForLine(alice, "alice: Hi Bob, from mine");
            List<String> conversation = List.of("alice joined the room", "bob joined the room",
                    "bob: Hello from the other instance", "alice: Hi Bob, from mine");
            assertEquals(conversation, alice.evaluate(MESSAGES));
            assertEquals(conversation, bob.evaluate(MESSAGES), "the same room, in the same order, on both instances");
            alice.screenshot(screenshotName() + "-two-instances");
        }
    }
}
