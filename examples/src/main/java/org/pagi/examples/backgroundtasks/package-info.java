/**
 * Example background-tasks: work run after the response has been sent, with the wrappers' {@code BackgroundTasks}
 * (async and blocking tasks) and from a WebSocket. See {@code examples/background-tasks/README.md}.
 */
package org.pagi.examples.backgroundtasks;
