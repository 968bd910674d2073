/**
 * The application-level compliance suite: jqwik contract tests that run random applications ("scripts" of sends,
 * receives, failures, early returns and waits for the client) through any server, with no socket of their own, and
 * check that server against the spec's order machines ({@code org.pagi.spec.order}).
 *
 * <p>A server author implements one small interface, {@link org.pagi.compliance.property.PagiHost}: run an
 * application for one exchange and report what the client saw. Then a test class implements the contracts
 * ({@code HttpContract}, {@code WebSocketContract}, {@code SseContract}, {@code LifespanContract}) for the scopes the
 * server runs; jqwik finds their default {@code @Property} methods. Start reading at {@code PagiHost}, then
 * {@code HttpContract}; {@code Replay} is the oracle. Imports {@code org.pagi.spec}, jqwik and the JDK only.
 */
package org.pagi.compliance.property;
