package org.elasticsearch.entitlement.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * Stand-in for the unpublished entitlement agent of the Elasticsearch distribution.
 *
 * <p>The server attaches this jar to itself (path in {@code -Des.entitlement.agentJar}) and passes the name of
 * its entitlement initialization class; the agent only hands the {@link Instrumentation} over to it.
 */
public final class EntitlementAgent {
    private EntitlementAgent() {}

    public static void agentmain(String initializerClassName, Instrumentation instrumentation) throws ReflectiveOperationException {
        Class<?> initializer = Class.forName(initializerClassName);
        try {
            initializer.getMethod("initialize", Instrumentation.class).invoke(null, instrumentation);
        } catch (InvocationTargetException e) {
            // Surface the initializer's own failure rather than the reflective wrapper.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
