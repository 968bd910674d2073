/**
 * The flow-control example: an SSE feed that conflates readings using {@code pagi.transport}, so a slow client
 * gets the freshest reading rather than a backlog. Written with the wrappers. See
 * {@code examples/flow-control/README.md}.
 */
package org.pagi.examples.flowcontrol;
