/**
 * The event-middleware example: a middleware that owns a periodic source and delivers its ticks through the
 * {@code receive} the application sees, beside the protocol events. See {@code examples/event-middleware/README.md}.
 */
package org.pagi.examples.eventmiddleware;
