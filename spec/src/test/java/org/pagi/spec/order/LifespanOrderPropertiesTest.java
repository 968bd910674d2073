package org.pagi.spec.order;

/** The {@link EventOrderContract} laws for {@link LifespanOrder}, which has no peer and no extension. */
class LifespanOrderPropertiesTest implements EventOrderContract {

    @Override
    public EventOrder machine(boolean extension) {
        return new LifespanOrder();
    }

    @Override
    public String protocol() {
        return "lifespan";
    }

    @Override
    public boolean hasPeer() {
        return false;
    }
}
