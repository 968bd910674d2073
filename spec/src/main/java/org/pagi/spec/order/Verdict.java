package org.pagi.spec.order;

/** What to do with an event that passed the order check. */
public enum Verdict {
    /** Deliver it. */
    DELIVER,
    /** Drop it silently: the client is gone (a send after disconnect is a no-op), or the spec says to ignore it. */
    IGNORE
}
