package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters, gauges and histograms written in the Prometheus text exposition format 0.0.4. Series are keyed by their
 * label values; callers must give only values from bounded sets, since every distinct tuple is kept for the
 * registry's lifetime. Thread-safe: adders per series, series created once with {@code computeIfAbsent}.
 */
final class MetricsRegistry {

    /** The media type of {@link #render()}. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final List<Family> families = new ArrayList<>();

    /** A metric name and help line with its series. */
    private sealed interface Family permits Counter, Gauge, Histogram {
        void render(StringBuilder out);
    }

    Counter counter(String name, String help, String... labels) {
        return add(new Counter(name, help, List.of(labels)));
    }

    Gauge gauge(String name, String help) {
        return add(new Gauge(name, help));
    }

    Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return add(new Histogram(name, help, buckets.clone(), List.of(labels)));
    }

    private synchronized <F extends Family> F add(F family) {
        families.add(family);
        return family;
    }

    /** @return every family in registration order, series sorted by label values */
    synchronized String render() {
        StringBuilder out = new StringBuilder();
        families.forEach(f -> f.render(out));
        return out.toString();
    }

    /** @return how many series (label tuples) all counters and histograms hold, gauges counting one each */
    synchronized int seriesCount() {
        int n = 0;
        for (Family f : families) {
            n += switch (f) {
                case Counter c -> c.series.size();
                case Gauge g -> 1;
                case Histogram h -> h.series.size();
            };
        }
        return n;
    }

    static final class Counter implements Family {
        private final String name;
        private final String help;
        private final List<String> labels;
        private final Map<List<String>, DoubleAdder> series = new ConcurrentSkipListMap<>(MetricsRegistry::compare);

        private Counter(String name, String help, List<String> labels) {
            this.name = name;
            this.help = help;
            this.labels = labels;
        }

        void add(double amount, String... values) {
            series.computeIfAbsent(List.of(values), k -> new DoubleAdder()).add(amount);
        }

        double value(String... values) {
            DoubleAdder a = series.get(List.of(values));
            return a == null ? 0 : a.sum();
        }

        @Override
        public void render(StringBuilder out) {
            header(out, name, help, "counter");
            series.forEach((k, v) -> line(out, name, labels, k, null, number(v.sum())));
        }
    }

    static final class Gauge implements Family {
        private final String name;
        private final String help;
        private final AtomicLong value = new AtomicLong();

        private Gauge(String name, String help) {
            this.name = name;
            this.help = help;
        }

        void add(long delta) {
            value.addAndGet(delta);
        }

        long value() {
            return value.get();
        }

        @Override
        public void render(StringBuilder out) {
            header(out, name, help, "gauge");
            line(out, name, List.of(), List.of(), null, Long.toString(value.get()));
        }
    }

    static final class Histogram implements Family {
        private final String name;
        private final String help;
        private final double[] buckets;
        private final List<String> labels;
        private final Map<List<String>, Series> series = new ConcurrentSkipListMap<>(MetricsRegistry::compare);

        private record Series(LongAdder[] counts, DoubleAdder sum, LongAdder count) {
        }

        private Histogram(String name, String help, double[] buckets, List<String> labels) {
            this.name = name;
            this.help = help;
            this.buckets = buckets;
            this.labels = labels;
        }

        void observe(double value, String... values) {
            Series s = series.computeIfAbsent(List.of(values), k -> {
                LongAdder[] counts = new LongAdder[buckets.length];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = new LongAdder();
                }
                return new Series(counts, new DoubleAdder(), new LongAdder());
            });
            for (int i = 0; i < buckets.length; i++) {
                if (value <= buckets[i]) {
                    s.counts()[i].increment();   // stored cumulatively: every bucket at or above the value
                }
            }
            s.sum().add(value);
            s.count().increment();
        }

        long count(String... values) {
            Series s = series.get(List.of(values));
            return s == null ? 0 : s.count().sum();
        }

        @Override
        public void render(StringBuilder out) {
            header(out, name, help, "histogram");
            series.forEach((k, s) -> {
                for (int i = 0; i < buckets.length; i++) {
                    line(out, name + "_bucket", labels, k, number(buckets[i]), Long.toString(s.counts()[i].sum()));
                }
                line(out, name + "_bucket", labels, k, "+Inf", Long.toString(s.count().sum()));
                line(out, name + "_sum", labels, k, null, number(s.sum().sum()));
                line(out, name + "_count", labels, k, null, Long.toString(s.count().sum()));
            });
        }
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder out, String name, List<String> labels, List<String> values, String le,
                             String value) {
        out.append(name);
        if (!labels.isEmpty() || le != null) {
            out.append('{');
            for (int i = 0; i < labels.size(); i++) {
                out.append(i == 0 ? "" : ",").append(labels.get(i)).append("=\"").append(escape(values.get(i)))
                        .append('"');
            }
            if (le != null) {
                out.append(labels.isEmpty() ? "" : ",").append("le=\"").append(le).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    /** Label values escape backslash, double quote and line feed, as the format requires. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

}
