package org.pagi.examples.jobrunner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A kind of job: its name, what the page says about it, its parameters, and what running it does. */
record JobType(String name, String description, List<Param> params, Body body) {

    /** What a job of this type does; returns its result. */
    @FunctionalInterface
    interface Body {
        Map<String, Object> run(Map<String, Object> params, JobContext job) throws InterruptedException;
    }

    /**
     * @param given the client's {@code params} object (missing entries take their defaults; others are ignored)
     * @return every parameter, checked and normalised, in declaration order
     * @throws InvalidParamsException naming the first wrong parameter
     */
    Map<String, Object> normalise(Map<?, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : params) {
            out.put(p.name(), p.normalise(given.get(p.name())));
        }
        return out;
    }

    /** @return the type as {@code /api/job-types} and {@code queue_state} list it */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("description", description);
        out.put("params", params.stream().map(Param::describe).toList());
        return out;
    }
}
