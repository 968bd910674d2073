package org.pagi.compliance.blackbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs wire cases one after another against a {@link Target}, each on a virtual thread of its own with a hard
 * deadline, so a server that hangs fails a case instead of stopping the run. A case fails by throwing: a
 * {@link CaseFailed} gives its message, any other exception its type and message.
 *
 * <p>Cases run one at a time because some measure timing (no buffering, slow clients) and would disturb each
 * other. Thread-safe: holds nothing but its list.
 */
public final class WireSuite {
    private final List<WireCase> cases;

    /** @param cases the cases, in the order they run; ids must be unique */
    public WireSuite(List<WireCase> cases) {
        Set<String> ids = new HashSet<>();
        for (WireCase c : cases) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two cases are called " + c.id());
            }
        }
        this.cases = List.copyOf(cases);
    }

    /** @return the suite of every case in {@link Catalog} */
    public static WireSuite all() {
        return new WireSuite(Catalog.cases());
    }

    /** @return the cases of {@code categories}, in order */
    public List<WireCase> cases(Set<Category> categories) {
        return cases.stream().filter(c -> categories.contains(c.category())).toList();
    }

    /** @return this suite without the cases that check the origin server only (for a run through a proxy) */
    public WireSuite viaProxy() {
        return new WireSuite(cases.stream().filter(WireCase::appliesViaProxy).toList());
    }

    /**
     * Runs the cases of {@code categories} against {@code target}, reporting each result to {@code progress} as
     * it comes.
     *
     * @return every result, in order
     */
    public List<CaseResult> run(Target target, Set<Category> categories, Consumer<CaseResult> progress) {
        List<CaseResult> results = new ArrayList<>();
        for (WireCase c : cases(categories)) {
            CaseResult r = runOne(c, target);
            results.add(r);
            progress.accept(r);
        }
        return results;
    }

    /** The longest a case may run: a few waits of the target's timeout, plus the case's own pauses. */
    static Duration deadline(Target target) {
        return target.timeout().multipliedBy(4).plusSeconds(10);
    }

    static CaseResult runOne(WireCase c, Target target) {
        long start = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().name("wire-case-" + c.id()).start(() -> {
            try {
                c.body().run(target);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        String failure = null;
        try {
            done.get(deadline(target).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            failure = "did not finish within " + deadline(target).toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failure = cause instanceof CaseFailed f ? f.getMessage()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new CaseResult(c, failure == null, failure == null ? "" : failure, took);
    }
}
