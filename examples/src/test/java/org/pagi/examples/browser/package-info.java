/**
 * Page tests in a real browser: headless Chromium ({@code /usr/bin/chromium}, Debian's package) driven over the
 * DevTools protocol with the JDK's {@code java.net.http.WebSocket}. {@link org.pagi.examples.browser.Chromium}
 * starts and ends the browser, {@link org.pagi.examples.browser.BrowserPage} is one tab,
 * {@link org.pagi.examples.browser.ChromiumExtension} shares a browser across a test class. See the examples'
 * README, "Pages in a real browser".
 */
package org.pagi.examples.browser;
