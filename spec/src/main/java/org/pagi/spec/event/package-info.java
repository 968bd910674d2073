/**
 * Every PAGI event as a record: one per type string of the spec, grouped by protocol ({@code HttpEvent},
 * {@code WebSocketEvent}, {@code SseEvent}, {@code LifespanEvent}) and by direction ({@code ReceiveEvent},
 * {@code SendEvent}), all sealed so that switches are checked. {@link org.pagi.spec.event.EventType} maps type
 * strings to constants. Records validate themselves in their compact constructors. Imports {@code java.base} and
 * {@code org.pagi.spec} only. Start at {@code Event}.
 */
package org.pagi.spec.event;
