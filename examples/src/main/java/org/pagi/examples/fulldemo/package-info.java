/**
 * Example full-demo: one application with a lifespan and its state, plain, echoed and streamed HTTP, a WebSocket
 * echo and an SSE stream, on the wrappers. See {@code examples/full-demo/README.md}.
 */
package org.pagi.examples.fulldemo;
