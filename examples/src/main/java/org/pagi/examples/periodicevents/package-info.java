/**
 * The periodic-events example: background event sources started and stopped by the lifespan, and requests that
 * wait for their ticks. Written with the wrappers. See {@code examples/periodic-events/README.md}.
 */
package org.pagi.examples.periodicevents;
