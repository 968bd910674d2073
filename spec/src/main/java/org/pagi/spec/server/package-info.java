/**
 * What every server (and the test client, which must build the same scopes) shares: turning a request head into a
 * scope ({@link org.pagi.spec.server.ScopeFactory}), path decoding, and the reference implementations of
 * {@code pagi.connection} ({@code ConnectionTracker}) and {@code pagi.transport} ({@code FlowTracker}). No
 * sockets, threads or clocks: imports {@code java.base} and the spec packages only. Start at {@code ScopeFactory}.
 */
package org.pagi.spec.server;
