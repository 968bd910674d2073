package org.pagi.wrappers.limit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The bucket's promise, over any sequence of request times: at most {@code rate × window + burst} admitted. */
class TokenBucketProperties {

    @Property(tries = 300)
    void neverMoreThanRateTimesWindowPlusBurstOverAnyWindow(
            @ForAll @LongRange(min = 1, max = 1_000_000) long interval,
            @ForAll @IntRange(min = 1, max = 50) int burst,
            @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 3_000_000) Long> gaps) {
        TokenBucket bucket = new TokenBucket(interval, burst);
        RateLimitStore store = RateLimitStore.inMemory(4);
        List<Long> admitted = new ArrayList<>();
        long now = 1_700_000_000_000_000_000L;
        for (long gap : gaps) {
            now += gap;
            if (store.take("k", bucket, now).allowed()) {
                admitted.add(now);
            }
        }
        // Any window's admissions: the densest windows start and end on admissions.
        for (int i = 0; i < admitted.size(); i++) {
            for (int j = i; j < admitted.size(); j++) {
                long window = admitted.get(j) - admitted.get(i);
                long bound = burst + window / interval;
                assertTrue(j - i + 1 <= bound, (j - i + 1) + " admitted within " + window + " ns, bound " + bound);
            }
        }
    }

    @Property(tries = 200)
    void aFullBucketAdmitsExactlyBurstAtOneInstant(@ForAll @IntRange(min = 1, max = 200) int burst,
                                                   @ForAll @LongRange(min = 1, max = 1_000_000_000) long interval) {
        TokenBucket bucket = new TokenBucket(interval, burst);
        long now = 42;
        long tat = now;
        int admitted = 0;
        for (int i = 0; i < burst + 5; i++) {
            TokenBucket.Take take = bucket.take(tat, now);
            tat = take.tat();
            admitted += take.allowed() ? 1 : 0;
        }
        assertTrue(admitted == burst, admitted + " admitted, burst " + burst);
    }

    @Property(tries = 200)
    void takingSeveralTokensAtOnceKeepsTheSameBound(
            @ForAll @LongRange(min = 1, max = 1_000_000) long interval,
            @ForAll @IntRange(min = 1, max = 64) int burst,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 3_000_000) Long> gaps,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 70) Integer> costs) {
        TokenBucket bucket = new TokenBucket(interval, burst);
        List<long[]> admitted = new ArrayList<>();
        long now = 1_000_000_000L;
        long tat = now;
        for (int k = 0; k < Math.min(gaps.size(), costs.size()); k++) {
            now += gaps.get(k);
            TokenBucket.Take take = bucket.take(tat, now, costs.get(k));
            tat = take.tat();
            if (take.allowed()) {
                admitted.add(new long[] {now, costs.get(k)});
            }
        }
        for (int i = 0; i < admitted.size(); i++) {
            long sum = 0;
            for (int j = i; j < admitted.size(); j++) {
                sum += admitted.get(j)[1];
                long bound = burst + (admitted.get(j)[0] - admitted.get(i)[0]) / interval;
                assertTrue(sum <= bound, sum + " tokens taken, bound " + bound);
            }
        }
    }
}
