package org.pagi.examples.jobrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.testing.SseMessage;

/** The job runner through the in-process test client, plus what each job type computes and the builder's refusals. */
class JobRunnerTest extends JobRunnerChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    /** Runs one job with no waiting and returns its {@code complete} event's data. */
    private Map<String, Object> run(String request) {
        ExampleSessionClient client = serve(App.builder().second(Duration.ZERO).build());
        ExampleClient http = http(client);
        long id = number(object(http.send(postJson("/api/jobs", request)).text()).get("id"));
        try (ExampleSseStream stream = client.sse(ExampleRequest.get("/api/jobs/" + id + "/progress"))) {
            SseMessage last;
            do {
                last = stream.next();
            } while (!last.event().equals("complete"));
            return object(last.data());
        }
    }

    @Test
    void eachJobTypeComputesWhatUpstreamsDoes() {
        assertEquals(decode("{\"message\":\"Found 25 prime numbers up to 100\",\"prime_count\":25,\"largest\":97,"
                        + "\"sample\":[2,3,5,7,11,13,17,19,23,29]}"),
                run("{\"job_type\":\"prime\",\"params\":{\"limit\":100}}").get("result"));
        assertEquals(decode("{\"message\":\"Calculated 8 Fibonacci numbers\",\"count\":8,"
                        + "\"sequence\":[0,1,1,2,3,5,8,13],\"last\":13}"),
                run("{\"job_type\":\"fibonacci\",\"params\":{\"count\":8}}").get("result"));
        assertEquals(decode("{\"message\":\"héllo\",\"echoed\":\"héllo\",\"delay\":1}"),
                run("{\"job_type\":\"echo\",\"params\":{\"message\":\"héllo\",\"delay\":1}}").get("result"));
        assertEquals(decode("{\"message\":\"Countdown complete!\",\"duration\":10}"),
                run("{\"job_type\":\"countdown\"}").get("result"), "the default is 10 seconds");
    }

    @Test
    void fibonacciOfFiftyNeedsMoreThanALong() {
        List<?> sequence = (List<?>) ((Map<?, ?>) run("{\"job_type\":\"fibonacci\",\"params\":{\"count\":50}}")
                .get("result")).get("sequence");
        assertEquals(7778742049L, number(sequence.get(49)));
    }

    @Test
    void theBuilderRefusesBadOptionsByName() {
        assertEquals("concurrency must be 1 to 1000 jobs, got 0",
                assertThrows(IllegalArgumentException.class, () -> App.builder().concurrency(0)).getMessage());
        assertEquals("second must not be negative, got PT-1S",
                assertThrows(IllegalArgumentException.class, () -> App.builder().second(Duration.ofSeconds(-1)))
                        .getMessage());
        assertEquals("pause", assertThrows(NullPointerException.class, () -> App.builder().pause(null)).getMessage());
        assertEquals("maxJobs must be 1 or more, got 0",
                assertThrows(IllegalArgumentException.class, () -> App.builder().maxJobs(0)).getMessage());
        assertEquals(3, App.DEFAULT_CONCURRENCY);
        assertEquals(1000, App.DEFAULT_MAX_JOBS);
    }
}
