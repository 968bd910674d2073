package org.pagi.examples.ssedashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.dashboard;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.reading;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pagi.examples.browser.BrowserPage;
import org.pagi.examples.browser.ChromiumExtension;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.examples.chatshowcase.RedisChannels;

/**
 * The dashboard page in headless Chromium, served by the example on a real server: what a person sees as readings
 * arrive, when the server drops the stream, and when the browser's {@code EventSource} comes back with
 * {@code Last-Event-ID}. Readings are published by the test ({@link App#publishMetrics()}), so each one can be
 * looked for on the page.
 */
@Timeout(60)
class SseDashboardBrowserTest {
    private static final Duration SHOWN = Duration.ofSeconds(10);
    /** The page's event log, oldest first (it shows the newest on top). */
    private static final String LOG = "[...eventLog.children].map(e => e.textContent).reverse()";

    @RegisterExtension
    static final ChromiumExtension BROWSER = new ChromiumExtension();

    private static BrowserPage openDashboard(int port) {
        BrowserPage page = BROWSER.open("http://127.0.0.1:" + port + "/");
        page.viewport(960, 600);
        page.waitFor("statusEl.textContent === 'Connected' && eventLog.textContent.includes('Subscriber ID: 1')",
                SHOWN);
        return page;
    }

    /** Publishes the next reading and waits until the page shows it; checks the figures on the cards. */
    private static String publishAndSee(App app, BrowserPage page) {
        String id = app.publishMetrics();
        int n = (int) app.readingsTaken();
        page.waitFor("lastIdEl.textContent === '" + app.instance() + "#" + n + "'", SHOWN);
        Metrics m = reading(n);
        assertEquals(List.of(Integer.toString(m.cpu()), Integer.toString(m.memory()), Integer.toString(m.requests())),
                page.evaluate("[cpuEl.textContent, memoryEl.textContent, requestsEl.textContent]"),
                "the cards show reading #" + n);
        return id;
    }

    @Test
    void theDashboardUpdatesAndAfterTheServerDropsTheStreamResumesWithoutAGap() throws Exception {
        App app = dashboard().build();
        try (LiveServerClient live = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                ConnectionSwitch proxy = new ConnectionSwitch(live.server().port());
                BrowserPage page = openDashboard(proxy.port())) {
            String third = null;
            for (int i = 0; i < 3; i++) {
                third = publishAndSee(app, page); // the figures change with every reading
            }

            proxy.hold(); // the page's reconnection waits until #4 to #6 are out, however long they take
            assertEquals(1, app.dropStreams());
            for (int i = 0; i < 3; i++) {
                app.publishMetrics(); // #4 to #6, while the page is away
            }
            assertEquals(1, app.streamsOpened(), "the page was away while #4 to #6 were published");
            proxy.release();

            page.waitFor("lastIdEl.textContent === 'a#6' && statusEl.textContent === 'Connected'", SHOWN);
            publishAndSee(app, page); // #7, live again
            assertEquals(List.of("0", "0"), page.evaluate("[missedEl.textContent, repeatedEl.textContent]"));
            assertEquals(List.of(
                    "[open] Connection established",
                    "[connected] Subscriber ID: 1",
                    "[metrics] a#1 CPU: 21%, Mem: 41%",
                    "[metrics] a#2 CPU: 22%, Mem: 42%",
                    "[metrics] a#3 CPU: 23%, Mem: 43%",
                    "[error] Connection lost",
                    "[open] Connection established",
                    "[connected] Subscriber ID: 2",
                    "[reconnected] Resumed from ID: " + third,
                    "[metrics] a#4 CPU: 24%, Mem: 44%",
                    "[metrics] a#5 CPU: 25%, Mem: 45%",
                    "[metrics] a#6 CPU: 26%, Mem: 46%",
                    "[metrics] a#7 CPU: 27%, Mem: 47%"), page.evaluate(LOG));
            page.screenshot("sse-dashboard");
        }
    }

    @Test
    void thePageShowsAGapWhenTheServerNoLongerHasWhatItMissed() throws Exception {
        // The counterpart of the test above: with a history of one reading, #2 is gone by the time the page
        // comes back, and the page says so; "missed 0" above is therefore a finding, not a constant.
        App app = dashboard().history(1).build();
        try (LiveServerClient live = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                ConnectionSwitch proxy = new ConnectionSwitch(live.server().port());
                BrowserPage page = openDashboard(proxy.port())) {
            String first = publishAndSee(app, page);
            proxy.hold(); // the page comes back only once #2 and #3 are out
            assertEquals(1, app.dropStreams());
            app.publishMetrics();
            app.publishMetrics();
            assertEquals(1, app.streamsOpened(), "the page was away while #2 and #3 were published");
            proxy.release();
            page.waitFor("lastIdEl.textContent === 'a#3'", SHOWN);
            assertEquals("1", page.text("#missed"));
            assertEquals(List.of("[reconnected] Resumed from ID: " + first, "[gap] Missed a#2 to a#2",
                    "[metrics] a#3 CPU: 23%, Mem: 43%"), page.evaluate(LOG + ".slice(-3)"));
            page.screenshot("sse-dashboard-gap");
        }
    }

    @Test
    void aStreamDroppedByOneInstanceResumesOnAnotherWithoutAGap() throws Exception {
        // Two instances on one Redis behind a switch (the proxy): the page comes through it to a; a drops the
        // stream and is taken out of rotation; the browser's EventSource reconnects, through the switch, to b,
        // which sends what it missed from the channel's history, then the readings of both, live.
        try (RedisChannels redis = new RedisChannels();
                App a = dashboard().channel(redis.open()).build();
                App b = dashboard().channel(redis.open()).instance("b").build();
                LiveServerClient liveA = LiveServerClient.start(a, ExecutionMode.VIRTUAL_THREADS);
                LiveServerClient liveB = LiveServerClient.start(b, ExecutionMode.EVENT_LOOP);
                ConnectionSwitch proxy = new ConnectionSwitch(liveA.server().port());
                BrowserPage page = openDashboard(proxy.port())) {
            String third = null;
            for (int i = 0; i < 3; i++) {
                third = publishAndSee(a, page);
            }

            proxy.hold(); // the page's reconnection waits until a#4 to a#6 are out, however long they take
            assertEquals(1, a.dropStreams());
            proxy.switchTo(liveB.server().port());
            for (int i = 0; i < 3; i++) {
                a.publishMetrics(); // a#4 to a#6, while the page is away: b never had a stream to see them on
            }
            assertEquals(0, b.streamsOpened(), "the page was away while a#4 to a#6 were published");
            proxy.release();

            page.waitFor("lastIdEl.textContent === 'a#6' && statusEl.textContent === 'Connected'", SHOWN);
            assertEquals(1, b.streamsOpened(), "the page reconnected to b");
            publishAndSee(b, page); // b#1, live, from the instance the page is on
            publishAndSee(a, page); // a#7, live, from the other one
            assertEquals(List.of("0", "0"), page.evaluate("[missedEl.textContent, repeatedEl.textContent]"));
            assertEquals(List.of(
                    "[open] Connection established",
                    "[connected] Subscriber ID: 1",
                    "[metrics] a#1 CPU: 21%, Mem: 41%",
                    "[metrics] a#2 CPU: 22%, Mem: 42%",
                    "[metrics] a#3 CPU: 23%, Mem: 43%",
                    "[error] Connection lost",
                    "[open] Connection established",
                    "[connected] Subscriber ID: 1",
                    "[reconnected] Resumed from ID: " + third,
                    "[metrics] a#4 CPU: 24%, Mem: 44%",
                    "[metrics] a#5 CPU: 25%, Mem: 45%",
                    "[metrics] a#6 CPU: 26%, Mem: 46%",
                    "[metrics] b#1 CPU: 21%, Mem: 41%",
                    "[metrics] a#7 CPU: 27%, Mem: 47%"), page.evaluate(LOG));
            page.screenshot("sse-dashboard-two-instances");
        }
    }
}
