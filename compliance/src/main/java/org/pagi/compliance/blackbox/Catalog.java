package org.pagi.compliance.blackbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Every case of the wire suite, in the order they run: one list per category, each kept in its own class. A new
 * category's list is added here; nothing is found by scanning.
 */
final class Catalog {
    private Catalog() {
    }

    static List<WireCase> cases() {
        List<WireCase> all = new ArrayList<>();
        all.addAll(HttpCases.all());
        all.addAll(HttpBodyCases.all());
        all.addAll(HttpRejectionCases.all());
        all.addAll(HttpFramingCases.all());
        all.addAll(HttpSmugglingCases.all());
        all.addAll(WsHandshakeCases.all());
        all.addAll(WsFramingCases.all());
        all.addAll(WsPingCases.all());
        all.addAll(WsFragmentationCases.all());
        all.addAll(WsUtf8Cases.all());
        all.addAll(WsCloseCases.all());
        all.addAll(WsLimitCases.all());
        all.addAll(WsCompressionCases.all());
        all.addAll(WsCompressedMessageCases.all());
        all.addAll(SseCases.all());
        all.addAll(TlsCases.all());
        all.addAll(RobustCases.all());
        return all;
    }
}
