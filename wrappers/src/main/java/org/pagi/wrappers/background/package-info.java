/**
 * Background tasks: work a handler schedules with {@link org.pagi.wrappers.background.BackgroundTasks} that runs
 * on virtual threads after the response has been completely sent, without holding the response open.
 */
package org.pagi.wrappers.background;
