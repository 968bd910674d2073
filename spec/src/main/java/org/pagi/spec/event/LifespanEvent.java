package org.pagi.spec.event;

/** The events of the {@code lifespan} scope. */
public sealed interface LifespanEvent extends Event permits LifespanStartup, LifespanShutdown,
        LifespanStartupComplete, LifespanStartupFailed, LifespanShutdownComplete, LifespanShutdownFailed {
}
