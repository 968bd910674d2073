/**
 * The bidirectional-websocket example: one connection that receives and sends at once, echoing the client while
 * pushing ticks of its own. Written with the wrappers. See {@code examples/bidirectional-websocket/README.md}.
 */
package org.pagi.examples.bidirectionalwebsocket;
