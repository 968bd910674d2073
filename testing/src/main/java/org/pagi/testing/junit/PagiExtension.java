package org.pagi.testing.junit;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.pagi.spec.Application;
import org.pagi.spec.State;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;

/**
 * The JUnit 5 extension behind {@link PagiTest}: resolves {@link TestClient} parameters of tests, lifecycle
 * methods and constructors, and runs the lifespan around the class when asked.
 *
 * <p>Two ways in: annotate the class with {@link PagiTest}, or register an instance for an application that
 * needs constructor arguments:
 * <pre>{@code
 * @RegisterExtension
 * static PagiExtension pagi = PagiExtension.forApp(new ShopApp(db)).withLifespan();
 * }</pre>
 * Each test gets a fresh client (own cookie jar) that shares the class's lifespan state.
 */
public final class PagiExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PagiExtension.class);

    private final Application fixedApp;
    private final boolean fixedLifespan;
    private final boolean fixedRaise;
    private final Duration fixedTimeout;

    /** Used by {@code @ExtendWith}: the configuration comes from {@link PagiTest}. */
    public PagiExtension() {
        this(null, false, true, TestClient.DEFAULT_TIMEOUT);
    }

    private PagiExtension(Application app, boolean lifespan, boolean raise, Duration timeout) {
        this.fixedApp = app;
        this.fixedLifespan = lifespan;
        this.fixedRaise = raise;
        this.fixedTimeout = timeout;
    }

    /** @return an extension for {@code app}, to register with {@code @RegisterExtension} */
    public static PagiExtension forApp(Application app) {
        return new PagiExtension(java.util.Objects.requireNonNull(app, "app"), false, true, TestClient.DEFAULT_TIMEOUT);
    }

    /** @return this extension, also running lifespan startup and shutdown around the class */
    public PagiExtension withLifespan() {
        return new PagiExtension(fixedApp, true, fixedRaise, fixedTimeout);
    }

    /** @return this extension, answering application exceptions as a server would instead of rethrowing */
    public PagiExtension serverErrors() {
        return new PagiExtension(fixedApp, fixedLifespan, false, fixedTimeout);
    }

    /** @return this extension with another wait timeout */
    public PagiExtension timeout(Duration value) {
        return new PagiExtension(fixedApp, fixedLifespan, fixedRaise, value);
    }

    /** The configuration of one test class, resolved once. */
    private record Setup(Application app, boolean lifespan, boolean raise, Duration timeout, State state,
            Optional<LifespanSession> session) {
        TestClient newClient() {
            return TestClient.builder(app).raiseAppExceptions(raise).timeout(timeout).state(state).build();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        setup(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Setup s = context.getStore(NS).remove(context.getRequiredTestClass(), Setup.class);
        if (s != null) {
            s.session().ifPresent(LifespanSession::close);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return setup(context).newClient();
    }

    private Setup setup(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NS).getOrComputeIfAbsent(testClass, c -> create(testClass), Setup.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private Setup create(Class<?> testClass) {
        PagiTest config = findConfig(testClass);
        Application app = fixedApp != null ? fixedApp : appOf(testClass, config);
        boolean lifespan = fixedApp != null ? fixedLifespan : config != null && config.lifespan();
        boolean raise = fixedApp != null ? fixedRaise : config == null || config.raiseAppExceptions();
        Duration timeout = fixedApp != null ? fixedTimeout
                : Duration.ofMillis(config == null ? TestClient.DEFAULT_TIMEOUT.toMillis() : config.timeoutMillis());
        State state = new State();
        Optional<LifespanSession> session = Optional.empty();
        if (lifespan) {
            LifespanSession life = TestClient.builder(app).raiseAppExceptions(raise).timeout(timeout).state(state)
                    .build().lifespan();
            life.startup();
            session = Optional.of(life);
        }
        return new Setup(app, lifespan, raise, timeout, state, session);
    }

    private static PagiTest findConfig(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            PagiTest t = c.getAnnotation(PagiTest.class);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static Application appOf(Class<?> testClass, PagiTest config) {
        if (config == null) {
            throw new ExtensionConfigurationException("PagiExtension needs @PagiTest on " + testClass.getName()
                    + " or registration with PagiExtension.forApp(app)");
        }
        if (config.app() != Application.class) {
            try {
                return config.app().getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new ExtensionConfigurationException("cannot create " + config.app().getName()
                        + " with a public no-argument constructor: " + e, e);
            }
        }
        return fromTestAppMember(testClass);
    }

    private static Application fromTestAppMember(Class<?> testClass) {
        List<Member> members = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(TestApp.class)) {
                    members.add(f);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(TestApp.class)) {
                    members.add(m);
                }
            }
            if (!members.isEmpty()) {
                break;
            }
        }
        if (members.size() != 1) {
            throw new ExtensionConfigurationException("@PagiTest without app() needs exactly one static @TestApp field"
                    + " or method in " + testClass.getName() + ", found " + members.size());
        }
        Member m = members.get(0);
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new ExtensionConfigurationException("@TestApp member " + m.getName() + " must be static");
        }
        try {
            Object value;
            if (m instanceof Field f) {
                f.setAccessible(true);
                value = f.get(null);
            } else {
                Method method = (Method) m;
                method.setAccessible(true);
                value = method.invoke(null);
            }
            if (!(value instanceof Application app)) {
                throw new ExtensionConfigurationException("@TestApp member " + m.getName()
                        + " must hold an org.pagi.spec.Application, got " + value);
            }
            return app;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new ExtensionConfigurationException("cannot read @TestApp member " + m.getName() + ": " + e, e);
        }
    }
}
