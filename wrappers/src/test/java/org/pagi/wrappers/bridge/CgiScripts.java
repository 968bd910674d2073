package org.pagi.wrappers.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Shell scripts for the CGI tests, and the check that a process they started is gone. */
final class CgiScripts {
    private CgiScripts() {
    }

    /** @return an executable {@code /bin/sh} script holding {@code body} */
    static Path script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** @return the PID a script wrote to {@code file}, once the file holds a whole line */
    static long pid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    /** Waits (bounded) for {@code pid} to exit; fails if it is still alive after ten seconds. */
    static void awaitGone(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }
}
