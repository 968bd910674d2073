package org.pagi.examples.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.wrappers.json.Json;

/**
 * One tab of a {@link Chromium}: evaluate JavaScript, wait for what the page shows, type and click as a person
 * would (through {@code Input.*}, so the page gets real key and mouse events), and take a screenshot. The page's
 * console errors and uncaught exceptions are kept and added to every failure message. Used from one test thread.
 */
public final class BrowserPage implements AutoCloseable {
    /** Where screenshots go, relative to the module (Maven runs tests there). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** How long one in-page poll runs before the test thread checks its own deadline. */
    private static final long POLL_SLICE_MILLIS = 500;

    private final DevToolsConnection devTools;
    private final String targetId;
    private final String sessionId;
    private final List<String> problems = new ArrayList<>();

    private BrowserPage(DevToolsConnection devTools, String targetId, String sessionId) {
        this.devTools = devTools;
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    /** Opens a tab ({@code Target.createTarget}), attaches to it, loads {@code url} and waits for its load event. */
    static BrowserPage open(DevToolsConnection devTools, String url) {
        String targetId = (String) devTools.call("Target.createTarget", Map.of("url", "about:blank")).get("targetId");
        String sessionId = (String) devTools.call("Target.attachToTarget",
                Map.of("targetId", targetId, "flatten", true)).get("sessionId");
        BrowserPage page = new BrowserPage(devTools, targetId, sessionId);
        devTools.addListener(page::onEvent);
        page.call("Runtime.enable", Map.of());
        page.call("Page.enable", Map.of());
        page.navigate(url);
        return page;
    }

    /**
     * Loads {@code url} in this tab and waits for its {@code load} event.
     *
     * @throws AssertionError with the browser's error text when it cannot be loaded
     */
    public void navigate(String url) {
        CompletableFuture<DevToolsConnection.Event> loaded = devTools.next("Page.loadEventFired", sessionId);
        Map<String, Object> result = call("Page.navigate", Map.of("url", url));
        if (result.get("errorText") instanceof String error && !error.isEmpty()) {
            loaded.cancel(false);
            throw new AssertionError("could not load " + url + ": " + error);
        }
        try {
            loaded.get(devTools.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted loading " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(url + " did not finish loading within " + devTools.timeout() + problems(), e);
        }
    }

    /**
     * Evaluates {@code expression} in the page ({@code Runtime.evaluate}), waiting for it when it is a promise.
     *
     * @return its value as JSON gives it: a String, Number, Boolean, List, Map or null ({@code undefined} too)
     * @throws AssertionError with the page's message when it throws or the promise rejects
     */
    public Object evaluate(String expression) {
        Map<String, Object> result = call("Runtime.evaluate", Map.of("expression", expression,
                "awaitPromise", true, "returnByValue", true));
        if (result.get("exceptionDetails") instanceof Map<?, ?> details) {
            Object thrown = details.get("exception") instanceof Map<?, ?> ex ? ex.get("description") : null;
            throw new AssertionError("the page threw evaluating `" + expression + "`: "
                    + (thrown != null ? thrown : details.get("text")) + problems());
        }
        return result.get("result") instanceof Map<?, ?> value ? value.get("value") : null;
    }

    /** @return the text content of the first element matching {@code selector} (fails when there is none) */
    public String text(String selector) {
        return (String) evaluate("(() => { const el = document.querySelector(" + quote(selector) + ");"
                + " if (!el) throw new Error('no element matches ' + " + quote(selector) + ");"
                + " return el.textContent; })()");
    }

    /**
     * Waits until {@code expression} is truthy in the page and returns its value. It is polled in the page every
     * few milliseconds (an exception counts as not yet), in slices, until {@code within} has passed; a slice the
     * page's navigation cut short is asked again of the next page.
     *
     * @throws AssertionError naming the expression, its last value and the page's console errors, at the deadline
     */
    public Object waitFor(String expression, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String poll = "new Promise(resolve => { const end = Date.now() + SLICE;"
                + " const poll = () => { let v, err = null;"
                + " try { v = (0, eval)(" + quote(expression) + "); } catch (e) { err = String(e); }"
                + " if (v) resolve({ok: true, value: v});"
                + " else if (Date.now() >= end) resolve({ok: false, value: err ?? (v === undefined ? null : v)});"
                + " else setTimeout(poll, 10); }; poll(); })";
        Object last;
        do {
            long slice = Math.clamp(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 1, POLL_SLICE_MILLIS);
            Map<?, ?> outcome;
            try {
                outcome = (Map<?, ?>) evaluate(poll.replace("SLICE", Long.toString(slice)));
            } catch (AssertionError e) {
                if (!navigatedAway(e)) {
                    throw e;
                }
                last = "the page was navigating"; // what is awaited may be the next page: ask it again
                continue;
            }
            if (Boolean.TRUE.equals(outcome.get("ok"))) {
                return outcome.get("value");
            }
            last = outcome.get("value");
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the page did not show `" + expression + "` within " + within
                + "; its last value: " + Json.encode(last).utf8() + problems());
    }

    /**
     * @return whether an evaluation failed because the page navigated while it ran (a click on a link): Chromium
     *     then drops the evaluation with one of these messages, and the next one runs in the new page
     */
    private static boolean navigatedAway(AssertionError e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Inspected target navigated or closed") || m.contains("Execution context was destroyed")
                || m.contains("Cannot find context with specified id")
                || m.contains("Cannot find default execution context");
    }

    /** Clicks the middle of the first element matching {@code selector} with the mouse ({@code Input.*}). */
    public void click(String selector) {
        List<?> point = (List<?>) evaluate("(() => { const el = document.querySelector(" + quote(selector) + ");"
                + " if (!el) throw new Error('no element matches ' + " + quote(selector) + ");"
                + " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
                + " return [r.left + r.width / 2, r.top + r.height / 2]; })()");
        double x = ((Number) point.get(0)).doubleValue();
        double y = ((Number) point.get(1)).doubleValue();
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left",
                    "clickCount", 1));
        }
    }

    /** Focuses the first element matching {@code selector} and types {@code text} into it ({@code Input.insertText}). */
    public void type(String selector, String text) {
        evaluate("(() => { const el = document.querySelector(" + quote(selector) + ");"
                + " if (!el) throw new Error('no element matches ' + " + quote(selector) + "); el.focus(); })()");
        call("Input.insertText", Map.of("text", text));
    }

    /** Presses and releases Enter on the focused element, as a keyboard does. */
    public void pressEnter() {
        call("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", "Enter", "code", "Enter",
                "windowsVirtualKeyCode", 13, "text", "\r"));
        call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", "Enter", "code", "Enter",
                "windowsVirtualKeyCode", 13));
    }

    /**
     * Chooses {@code files} in the file input matching {@code selector} ({@code DOM.setFileInputFiles}), as a
     * person does in the file dialog; the page's {@code input} and {@code change} events fire.
     */
    public void setFiles(String selector, Path... files) {
        Map<?, ?> root = (Map<?, ?>) call("DOM.getDocument", Map.of("depth", 0)).get("root");
        Object node = call("DOM.querySelector", Map.of("nodeId", root.get("nodeId"), "selector", selector))
                .get("nodeId");
        if (node == null || ((Number) node).intValue() == 0) {
            throw new AssertionError("no element matches " + selector);
        }
        call("DOM.setFileInputFiles", Map.of("nodeId", node,
                "files", Arrays.stream(files).map(f -> f.toAbsolutePath().toString()).toList()));
    }

    /** Sets the viewport to {@code width} by {@code height} CSS pixels at scale 1, for screenshots of a set size. */
    public void viewport(int width, int height) {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /**
     * Saves what the viewport shows as {@code target/screenshots/<name>.png} ({@code Page.captureScreenshot}).
     *
     * @return the file written
     */
    public Path screenshot(String name) {
        byte[] png = Base64.getDecoder().decode((String) call("Page.captureScreenshot",
                Map.of("format", "png")).get("data"));
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + name, e);
        }
    }

    /** @return the console errors and uncaught exceptions the page reported so far */
    public List<String> problemsSoFar() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Closes the tab. */
    @Override
    public void close() {
        devTools.call("Target.closeTarget", Map.of("targetId", targetId));
    }

    private Map<String, Object> call(String method, Map<String, Object> params) {
        return devTools.call(method, params, sessionId);
    }

    private void onEvent(DevToolsConnection.Event event) {
        if (!sessionId.equals(event.sessionId())) {
            return;
        }
        String problem = switch (event.method()) {
            case "Runtime.exceptionThrown" -> event.params().get("exceptionDetails") instanceof Map<?, ?> d
                    ? "uncaught: " + (d.get("exception") instanceof Map<?, ?> ex ? ex.get("description") : d.get("text"))
                    : null;
            case "Runtime.consoleAPICalled" -> "error".equals(event.params().get("type"))
                    ? "console.error: " + event.params().get("args")
                    : null;
            default -> null;
        };
        if (problem != null) {
            synchronized (problems) {
                problems.add(problem);
            }
        }
    }

    private String problems() {
        List<String> seen = problemsSoFar();
        return seen.isEmpty() ? "" : "; the page reported: " + String.join(" | ", seen);
    }

    /** {@code value} as a JavaScript string literal (JSON's quoting is valid JavaScript). */
    static String quote(String value) {
        return Json.encode(value).utf8();
    }
}
