package org.pagi.wrappers.routing;

import org.pagi.spec.Application;

/**
 * An application under a path prefix, taking the prefix itself and every path below it at a segment boundary.
 *
 * @param prefix without a trailing slash; empty mounts at the root
 * @param app    wrapped in the mount's middleware
 */
record Mount(String prefix, Application app) {

    /** @return the path the mounted app sees, or null when {@code path} is not under the prefix */
    String subPath(String path) {
        return PathPrefixes.subPath(prefix, path);
    }
}
