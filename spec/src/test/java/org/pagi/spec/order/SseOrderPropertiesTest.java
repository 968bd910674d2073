package org.pagi.spec.order;

/** The {@link EventOrderContract} laws for {@link SseOrder}; it has no optional extension. */
class SseOrderPropertiesTest implements EventOrderContract {

    @Override
    public EventOrder machine(boolean extension) {
        return new SseOrder();
    }

    @Override
    public String protocol() {
        return "sse";
    }

    @Override
    public boolean completeIsTerminal(EventOrder order) {
        return ((SseOrder) order).current() != SseOrder.State.STREAMING;
    }
}
