/**
 * Server-Sent Events for application authors: {@link org.pagi.wrappers.sse.Sse} (async) and its
 * {@link org.pagi.wrappers.sse.BlockingSse} view, {@link org.pagi.wrappers.sse.ServerEvent} (an event whose
 * framing fields are checked before anything is sent), {@link org.pagi.wrappers.sse.Periodic} (the task run by
 * {@code every}) and {@link org.pagi.wrappers.sse.ReplayBuffer} (resume a reconnecting client after its
 * {@code Last-Event-ID}).
 */
package org.pagi.wrappers.sse;
