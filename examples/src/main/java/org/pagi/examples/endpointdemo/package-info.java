/**
 * The endpoint-demo example: an HTTP, a WebSocket and an SSE endpoint (the wrappers' class-based
 * {@code HttpEndpoint}, {@code WebSocketEndpoint}, {@code SseEndpoint}) behind one {@code EndpointRouter}, with
 * per-route middleware and a page. See {@code examples/endpoint-demo/README.md}.
 */
package org.pagi.examples.endpointdemo;
