package org.pagi.examples.appfile;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.apps.File;

/**
 * Upstream's {@code app-01-file} ({@code PAGI::App::File} over {@code static/}) with the wrappers' {@link File}:
 * the folder {@code static/} beside this class on the classpath, so the example runs from the jar as well as from
 * the source tree. {@code /} serves {@code index.html}; the type comes from the extension; every file carries a
 * strong {@code ETag} (304 on {@code If-None-Match}) and answers {@code Range} with 206; a path with a dot segment
 * or an encoded separator is refused with 400, a missing file is 404, a method other than GET or HEAD is 405.
 *
 * <p>Composes stages, never blocks. Thread-safe.
 */
public final class App implements Application {
    /** The served folder, as a classpath path: the package's resources under {@code static/}. */
    static final String ROOT = App.class.getPackageName().replace('.', '/') + "/static";

    private final File files = File.classpathBuilder(ROOT, App.class.getClassLoader()).build();

    /** The example as {@code bin/pagi-server --app} creates it. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return files.call(scope, receive, send);
    }
}
