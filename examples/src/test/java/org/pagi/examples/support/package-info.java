/**
 * What every example test shares: the transport seam ({@link org.pagi.examples.support.ExampleClient}, with
 * requests and responses as plain values), its in-process implementation over the test client, its live
 * implementation over a real server and a socket ({@link org.pagi.examples.support.LiveServerClient}, with the
 * JDK's HTTP client or a raw socket), the {@link org.pagi.examples.support.ExampleChecks} base of every example's
 * checks, and an event {@link org.pagi.examples.support.Recorder}. For examples that hold a WebSocket or an SSE
 * stream open: {@link org.pagi.examples.support.ExampleSessionClient} (with {@code ExampleWebSocket} and
 * {@code ExampleSseStream}), implemented in process by {@code InProcessClient} and over a socket by
 * {@code LiveServerClient} (with the JDK's {@code java.net.http.WebSocket}, and its HTTP client read through the
 * kit's {@code SseDecoder}), the {@link org.pagi.examples.support.ExampleSessionChecks} base, and a
 * {@link org.pagi.examples.support.CallWatcher} that tells when, and how, each call of the application returned.
 * Small helpers: {@link org.pagi.examples.support.Await} (a bounded wait for a condition another thread makes
 * true) and {@link org.pagi.examples.support.RawResponse} (a whole response read from a socket a test drives
 * itself, such as a client that stops reading).
 * Imports spec, testing, the server (tests only) and JUnit.
 */
package org.pagi.examples.support;
