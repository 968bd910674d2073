package org.pagi.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pagi.spec.Application;

/**
 * Marks a test class whose tests receive a {@link org.pagi.testing.TestClient} parameter for an application.
 *
 * <p>The application is {@link #app()} (a class with a public no-argument constructor) or, when that is left
 * out, the value of the one static field or no-argument static method annotated {@link TestApp}. With
 * {@link #lifespan()} the lifespan runs once around the class: startup before the first test, shutdown after
 * the last. Each test gets a fresh client (its own cookie jar) sharing the lifespan state.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PagiExtension.class)
public @interface PagiTest {

    /** @return the application class; {@code Application.class} means "use the {@link TestApp} member" */
    Class<? extends Application> app() default Application.class;

    /** @return whether to run lifespan startup and shutdown around the test class */
    boolean lifespan() default false;

    /** @return whether application exceptions are rethrown into tests (else answered as a server would) */
    boolean raiseAppExceptions() default true;

    /** @return how long each client wait lasts, in milliseconds */
    long timeoutMillis() default 5000;
}
