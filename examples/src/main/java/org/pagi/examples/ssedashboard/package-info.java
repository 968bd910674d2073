/**
 * The sse-dashboard example: a page showing live metrics over SSE, published on a channel ({@code PAGI_CHANNEL})
 * by every instance sharing it, and resumed after {@code Last-Event-ID} on any of them from the channel's history.
 * Written with the wrappers. See {@code examples/sse-dashboard/README.md}.
 */
package org.pagi.examples.ssedashboard;
