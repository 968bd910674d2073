package org.pagi.wrappers.routing;

import java.util.Objects;
import org.pagi.spec.Application;

/**
 * One registered route: its full template (group prefixes included) and its handler already wrapped in its
 * middleware.
 */
record Route(PathTemplate template, Application app) {
    Route {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(app, "app");
    }
}
