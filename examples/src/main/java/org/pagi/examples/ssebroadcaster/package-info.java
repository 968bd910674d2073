/**
 * Example 05, SSE broadcaster: starts an event stream, sends {@code tick 1}, {@code tick 2} and {@code done} with a
 * pause before each, and stops early when the client leaves. Imports {@code org.pagi.spec} only. See
 * {@code examples/05-sse-broadcaster/README.md}.
 */
package org.pagi.examples.ssebroadcaster;
