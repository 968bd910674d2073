/**
 * Example 09, the legacy bridge: an existing JDK {@code HttpHandler} served as a PAGI application, and a PAGI
 * application served by the JDK's own {@code HttpServer}. See {@code examples/09-legacy-bridge/README.md}.
 */
package org.pagi.examples.legacybridge;
