package org.pagi.spec;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The scope's {@code pagi} key: which spec versions govern the call, and for lifespan scopes which worker runs it.
 *
 * @param version     the core spec version, e.g. {@code "0.3"}
 * @param specVersion the protocol sub-spec version, e.g. {@code "0.3"}
 * @param isWorker    whether this is a worker in a multi-process deployment
 * @param workerNum   the worker number (1, 2, ...) in multi-process mode; empty otherwise
 */
public record PagiInfo(String version, String specVersion, boolean isWorker, OptionalInt workerNum) {
    /** The core spec version this API implements. */
    public static final String VERSION = "0.3";
    /** The HTTP, WebSocket and SSE sub-spec version this API implements. */
    public static final String WWW_SPEC_VERSION = "0.3";
    /** The lifespan sub-spec version this API implements. */
    public static final String LIFESPAN_SPEC_VERSION = "0.3";

    private static final PagiInfo CURRENT = new PagiInfo(VERSION, WWW_SPEC_VERSION, false, OptionalInt.empty());

    /** Validates the fields. */
    public PagiInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(specVersion, "specVersion");
        Objects.requireNonNull(workerNum, "workerNum");
        if (workerNum.isPresent() && workerNum.getAsInt() < 1) {
            throw new IllegalArgumentException("workerNum must be 1 or more, got " + workerNum.getAsInt());
        }
    }

    /** @return the versions this API implements, single-process */
    public static PagiInfo current() {
        return CURRENT;
    }

    /** @return the versions this API implements, for worker {@code number} of a multi-process server */
    public static PagiInfo worker(int number) {
        return new PagiInfo(VERSION, LIFESPAN_SPEC_VERSION, true, OptionalInt.of(number));
    }
}
