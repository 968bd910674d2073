/**
 * Class-based routing: {@link org.pagi.wrappers.endpoint.EndpointRouter} (a class declaring its routes in one
 * method, compiled once into the functional {@link org.pagi.wrappers.routing.Router}),
 * {@link org.pagi.wrappers.endpoint.HttpEndpoint} (handlers per method), and the WebSocket and SSE endpoints with
 * connect, receive and disconnect hooks, each in an async and a blocking form. Wiring is by lambdas and method
 * references only: no reflection, no annotations.
 */
package org.pagi.wrappers.endpoint;
