package org.pagi.spec.order;

/** The {@link EventOrderContract} laws for {@link WebSocketOrder}, with and without the denial extension. */
class WebSocketOrderPropertiesTest implements EventOrderContract {

    @Override
    public EventOrder machine(boolean denialAdvertised) {
        return new WebSocketOrder(denialAdvertised);
    }

    @Override
    public String protocol() {
        return "websocket";
    }
}
