/**
 * The sse-dashboard example: a page showing live metrics over SSE, resumed after {@code Last-Event-ID} from a
 * {@code ReplayBuffer}. Written with the wrappers. See {@code examples/sse-dashboard/README.md}.
 */
package org.pagi.examples.ssedashboard;
