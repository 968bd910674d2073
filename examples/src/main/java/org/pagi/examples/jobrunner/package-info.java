/**
 * The 11-job-runner example: a job queue with a page, fed by a WebSocket (the queue) and SSE (one job's
 * progress), with a REST API beside them. Written with the wrappers. See {@code examples/11-job-runner/README.md}.
 */
package org.pagi.examples.jobrunner;
