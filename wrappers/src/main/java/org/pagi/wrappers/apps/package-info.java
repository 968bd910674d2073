/**
 * Ready-made applications built on the wrappers. The real-time ones share a {@link org.pagi.wrappers.apps.Channel}
 * (publish and subscribe by topic; {@link org.pagi.wrappers.apps.InMemoryChannel} in process):
 * {@link org.pagi.wrappers.apps.WebSocketEcho}, {@link org.pagi.wrappers.apps.WebSocketBroadcast},
 * {@link org.pagi.wrappers.apps.WebSocketChat} and {@link org.pagi.wrappers.apps.SsePubsub}.
 */
package org.pagi.wrappers.apps;
