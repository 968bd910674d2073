package org.pagi.examples.endpointrouterdemo;

import org.pagi.spec.State;

/** What the lifespan's startup puts in the state under {@link #KEY}: the application's name and version. */
record Config(String appName, String version) {
    static final String KEY = "config";
    static final Config DEFAULT = new Config("Endpoint Router Demo", "1.0.0");

    /** @return the config the lifespan put in {@code state}; fails naming the key when it is not there */
    static Config of(State state) {
        return state.get(KEY, Config.class)
                .orElseThrow(() -> new IllegalStateException("no '" + KEY + "' in the state: run with lifespan"));
    }
}
