/**
 * The backpressure-test example: megabytes streamed as fast as {@code send} lets them, so a slow client paces
 * the application. Written with the wrappers. See {@code examples/backpressure-test/README.md}.
 */
package org.pagi.examples.backpressure;
