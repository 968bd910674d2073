package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any header text gives hops or an IllegalArgumentException, and the client is never past an untrusted hop. */
class ForwardedHopsProperties {
    private static final List<Cidr> TRUSTED = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"));

    /** A hop as a proxy would write it, and whether it is inside {@link #TRUSTED}. */
    record Hop(String forwardedValue, String xffValue, String address, boolean trusted) {
    }

    @Provide
    Arbitrary<Hop> hops() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.of("10", "11", "192", "9"), octet, octet, octet)
                .as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> v6 = Combinators.combine(Arbitraries.of("fd00", "fd12", "2001", "fe80"),
                Arbitraries.integers().between(0, 0xffff)).as((a, b) -> a + "::" + Integer.toHexString(b));
        Arbitrary<Integer> port = Arbitraries.integers().between(-1, 65535);
        return Combinators.combine(Arbitraries.oneOf(v4, v6), port, Arbitraries.of(true, false)).as((ip, p, quoted) -> {
            boolean six = ip.contains(":");
            String node = six ? "[" + ip + "]" + (p >= 0 ? ":" + p : "") : ip + (p >= 0 ? ":" + p : "");
            String fwd = "for=" + (six || quoted ? "\"" + node + "\"" : node);
            String xff = six && p < 0 && !quoted ? ip : node;
            return new Hop(fwd, xff, ip, Cidr.anyContains(TRUSTED, ip));
        });
    }

    @Property(tries = 500)
    void theClientIsTheFirstUntrustedHopFromTheRight(@ForAll("hopLists") List<Hop> hops) {
        List<String> fwd = new ArrayList<>();
        List<String> xff = new ArrayList<>();
        for (Hop h : hops) {
            fwd.add(h.forwardedValue() + (h.trusted() ? ";proto=https" : ";by=_me"));
            xff.add(h.xffValue());
        }
        int expected = 0;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!hops.get(i).trusted()) {
                expected = i;
                break;
            }
        }
        List<ForwardedHops.Node> fromForwarded = ForwardedHops.parseForwarded(String.join(", ", fwd)).stream()
                .map(ForwardedHops.Element::forNode).toList();
        List<ForwardedHops.Node> fromXff = ForwardedHops.parseXForwardedFor(String.join(",", xff));
        for (List<ForwardedHops.Node> parsed : List.of(fromForwarded, fromXff)) {
            assertEquals(hops.size(), parsed.size());
            int k = ForwardedHops.clientIndex(parsed, TRUSTED);
            assertEquals(expected, k);
            assertEquals(Cidr.parse(hops.get(k).address()), Cidr.parse(parsed.get(k).address()));
            for (int i = k + 1; i < parsed.size(); i++) {
                assertTrue(parsed.get(i).trustedBy(TRUSTED), "only trusted hops are skipped");
            }
        }
    }

    @Provide
    Arbitrary<List<Hop>> hopLists() {
        return hops().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 2000)
    void anyTextGivesHopsOrAnIllegalArgumentException(@ForAll("headerText") String text) {
        for (Runnable parse : List.<Runnable>of(() -> ForwardedHops.parseForwarded(text),
                () -> ForwardedHops.parseXForwardedFor(text))) {
            try {
                parse.run();
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("Forwarded") || e.getMessage().startsWith("X-Forwarded-For"),
                        e.getMessage());
            }
        }
    }

    @Property(tries = 1000)
    void aParsedHopOutsideTheTrustedSetIsNeverTrusted(@ForAll("headerText") String text) {
        List<ForwardedHops.Node> nodes;
        try {
            nodes = ForwardedHops.parseXForwardedFor(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        for (ForwardedHops.Node n : nodes) {
            if (n.trustedBy(TRUSTED)) {
                assertTrue(n.address() != null && TRUSTED.stream().anyMatch(c -> c.contains(n.address())));
            }
        }
    }

    @Provide
    Arbitrary<String> headerText() {
        Arbitrary<String> pieces = Arbitraries.of("for=", "proto=", "host=", "by=", "\"", "\\", ";", ",", " ", "[",
                "]", ":", "10.0.0.1", "9.9.9.9", "fd00::1", "::ffff:10.0.0.1", "010.0.0.1", "unknown", "_x", "80",
                "99999", "https", "é", "\t", "=");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(40));
    }
}
