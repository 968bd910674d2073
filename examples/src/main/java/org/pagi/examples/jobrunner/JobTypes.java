package org.pagi.examples.jobrunner;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The four job types of upstream's {@code JobRunner::Jobs}, with the same parameters, progress and results. */
final class JobTypes {
    static final List<JobType> ALL = List.of(
            new JobType("countdown", "Count down from N seconds",
                    List.of(Param.integer("seconds", 10, 1, 60, "Number of seconds to count down")),
                    JobTypes::countdown),
            new JobType("prime", "Find prime numbers up to N",
                    List.of(Param.integer("limit", 1000, 10, 100_000, "Find primes up to this number")),
                    JobTypes::prime),
            new JobType("fibonacci", "Calculate Fibonacci sequence",
                    List.of(Param.integer("count", 20, 5, 50, "Number of Fibonacci numbers to calculate")),
                    JobTypes::fibonacci),
            new JobType("echo", "Echo a message after delay",
                    List.of(Param.string("message", "Hello, World!", 200, "Message to echo back"),
                            Param.integer("delay", 3, 1, 30, "Delay in seconds before echoing")),
                    JobTypes::echo));

    private JobTypes() {
    }

    static Optional<JobType> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static String seconds(long n) {
        return n + " second" + (n == 1 ? "" : "s");
    }

    private static Map<String, Object> countdown(Map<String, Object> params, JobContext job)
            throws InterruptedException {
        long seconds = (Long) params.get("seconds");
        for (long remaining = seconds; remaining > 0; remaining--) {
            job.checkCancelled();
            job.progress((int) ((seconds - remaining) * 100 / seconds), seconds(remaining) + " remaining...");
            job.pause(1);
        }
        job.progress(100, "Complete!");
        return result("message", "Countdown complete!", "duration", seconds);
    }

    private static Map<String, Object> prime(Map<String, Object> params, JobContext job) throws InterruptedException {
        long limit = (Long) params.get("limit");
        List<Long> primes = new ArrayList<>();
        long checked = 0;
        int lastUpdate = 0;
        for (long n = 2; n <= limit; n++) {
            job.checkCancelled();
            boolean prime = true;
            for (long d = 2; d * d <= n; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                primes.add(n);
            }
            checked++;
            int percent = (int) (checked * 100 / (limit - 1));
            if (percent >= lastUpdate + 5) { // every 5 %, as upstream
                job.progress(percent, "Checked " + checked + " numbers, found " + primes.size() + " primes...");
                lastUpdate = percent;
                if (percent % 20 == 0) {
                    job.pause(0.01);
                }
            }
        }
        job.progress(100, "Complete!");
        return result("message", "Found " + primes.size() + " prime numbers up to " + limit,
                "prime_count", primes.size(), "largest", primes.getLast(),
                "sample", primes.subList(0, Math.min(10, primes.size())));
    }

    private static Map<String, Object> fibonacci(Map<String, Object> params, JobContext job)
            throws InterruptedException {
        int count = ((Long) params.get("count")).intValue();
        List<BigInteger> fib = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE));
        for (int i = 2; i <= count - 1; i++) {
            job.checkCancelled();
            fib.add(fib.get(i - 1).add(fib.get(i - 2)));
            job.progress(i * 100 / (count - 1), "Calculated F(" + i + ") = " + fib.getLast());
            job.pause(0.1);
        }
        job.progress(100, "Complete!");
        return result("message", "Calculated " + count + " Fibonacci numbers", "count", count,
                "sequence", fib, "last", fib.getLast());
    }

    private static Map<String, Object> echo(Map<String, Object> params, JobContext job) throws InterruptedException {
        String message = (String) params.get("message");
        long delay = (Long) params.get("delay");
        for (long i = 1; i <= delay; i++) {
            job.checkCancelled();
            job.progress((int) ((i - 1) * 100 / delay), "Echoing in " + seconds(delay - i + 1) + "...");
            job.pause(1);
        }
        job.progress(100, "Complete!");
        return result("message", message, "echoed", message, "delay", delay);
    }

    private static Map<String, Object> result(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }
}
