/**
 * Example 02, streaming response: chunks with pauses, trailers when the client accepts them, and stopping when
 * the client leaves. Imports {@code org.pagi.spec} only. See {@code examples/02-streaming-response/README.md}.
 */
package org.pagi.examples.streamingresponse;
