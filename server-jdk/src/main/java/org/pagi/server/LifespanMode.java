package org.pagi.server;

/** Whether the server runs the application's lifespan protocol ({@code --lifespan auto|on|off}). */
public enum LifespanMode {
    /** Run it; an application that declines it (raises, or returns without answering) is served without it. */
    AUTO,
    /** Run it; an application that declines it is an error and the server does not start. */
    ON,
    /** Never send lifespan events. */
    OFF
}
