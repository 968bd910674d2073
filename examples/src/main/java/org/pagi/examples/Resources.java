package org.pagi.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import org.pagi.wrappers.response.FileSource;

/** Where the examples' pages come from: classpath resources beside the example's class, served as they are. */
public final class Resources {
    private Resources() {
    }

    /**
     * @param owner the example's class; {@code name} is resolved against its package
     * @param name  a path such as {@code index.html} or {@code css/style.css}
     * @return the resource, for a {@code FileResponse}
     * @throws IllegalStateException when it is missing, naming it: an example that cannot serve its page
     *                               fails when built, not on the first request
     */
    public static FileSource beside(Class<?> owner, String name) {
        URL url = owner.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing beside " + owner.getName());
        }
        try {
            return FileSource.of(url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + url, e);
        }
    }
}
