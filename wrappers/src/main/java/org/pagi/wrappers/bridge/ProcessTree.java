package org.pagi.wrappers.bridge;

import java.util.List;

/**
 * Ends a process and everything it started. The descendants are listed while the root is still alive (once it
 * dies its children are re-parented and can no longer be found from it), then every one is killed
 * ({@code SIGKILL} on POSIX: a script cannot trap it), the root last. A process that detached itself before
 * (a double fork into a new session) is out of reach, as it is for any supervisor without cgroups.
 */
final class ProcessTree {
    private ProcessTree() {
    }

    /** Kills {@code root} and its descendants; does nothing for a root already gone. */
    static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        for (ProcessHandle p : descendants) {
            p.destroyForcibly();
        }
        root.destroyForcibly();
        // A child forked between the listing and the kill of its parent: one more look while it can be found.
        for (ProcessHandle p : descendants) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
