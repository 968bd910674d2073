/**
 * The endpoint-router-demo example: class-based routers ({@code EndpointRouter}) with handler methods, a
 * sub-router mounted at {@code /api}, a WebSocket echo and an SSE metrics stream sharing counters that a
 * {@code Lifespan} puts in the state. See {@code examples/endpoint-router-demo/README.md}.
 */
package org.pagi.examples.endpointrouterdemo;
