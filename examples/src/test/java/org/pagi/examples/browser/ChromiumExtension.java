package org.pagi.examples.browser;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless {@link Chromium} for a test class, started before its first test and closed after its last:
 * {@code @RegisterExtension static final ChromiumExtension BROWSER = new ChromiumExtension();}, then
 * {@code BROWSER.open(url)} in each test (a tab of its own; close it with try-with-resources).
 */
public final class ChromiumExtension implements BeforeAllCallback, AfterAllCallback {
    private Chromium chromium;

    @Override
    public void beforeAll(ExtensionContext context) {
        chromium = Chromium.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** @return the class's browser, started */
    public Chromium chromium() {
        if (chromium == null) {
            throw new IllegalStateException("the browser starts before the class's first test: register this "
                    + "extension on a static field");
        }
        return chromium;
    }

    /** Opens {@code url} in a new tab of the class's browser; see {@link Chromium#open}. */
    public BrowserPage open(String url) {
        return chromium().open(url);
    }
}
