/**
 * Serving an application while its code changes: {@link org.pagi.server.reload.ReloadingApp} swaps versions
 * (new calls go to the newest, running calls finish on theirs, each version with its own lifespan) and
 * {@link org.pagi.server.reload.SourceWatcher} runs a reload when the source file changed. The launcher's
 * {@code --reload} joins them to {@code AppLoader}'s in-memory compilation of a {@code .java} file. Imports the
 * JDK, the spec and {@code org.pagi.server.run.LifespanRunner}; nothing here knows about compilers or sockets.
 */
package org.pagi.server.reload;
