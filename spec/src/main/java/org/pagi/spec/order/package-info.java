/**
 * The legal order of events, one small state machine per scope type ({@code HttpOrder}, {@code WebSocketOrder},
 * {@code SseOrder}, {@code LifespanOrder}), asked by the server, the test client and the compliance suite so each
 * rule exists once. An illegal send is an {@link org.pagi.spec.order.IllegalEventOrderException} naming what was
 * expected, what came and why. Imports {@code java.base} and the spec packages only. Start at {@code EventOrder}.
 */
package org.pagi.spec.order;
