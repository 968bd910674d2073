/**
 * One object per connection: {@link org.pagi.wrappers.context.Context#of} gives an
 * {@link org.pagi.wrappers.context.HttpContext}, {@link org.pagi.wrappers.context.WebSocketContext} or
 * {@link org.pagi.wrappers.context.SseContext} with the scope, stash, state, connection state and protocol wrapper
 * of the call, and an event dispatcher ({@code on}, {@code onDefault}, {@code onError}, {@code stop},
 * {@code run}). Each has a blocking view ({@code blocking()}). The rule for who reads {@code receive} is on
 * {@link org.pagi.wrappers.context.Context}.
 */
package org.pagi.wrappers.context;
