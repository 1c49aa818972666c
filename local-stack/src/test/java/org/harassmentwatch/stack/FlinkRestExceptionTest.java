package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkRestExceptionTest {
    @Test
    void summaryIsTheTopExceptionAndItsDeepestCause() {
        String trace = """
            Internal server error.
            <Exception on server side:
            org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.
            \tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)
            Caused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error
            \t... 12 more
            Caused by: java.lang.ClassNotFoundException: org.apache.flink.connector.base.source.hybrid.HybridSource
            \tat java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)

            End of exception on server side>
            """;

        assertThat(FlinkRestException.summarize(trace)).isEqualTo("org.apache.flink.runtime.rest.handler.RestHandlerException: "
            + "Could not execute application.; caused by: java.lang.ClassNotFoundException: org.apache.flink.connector.base.source.hybrid.HybridSource");
    }

    @Test
    void textWithoutExceptionIsKeptAsIs() {
        assertThat(FlinkRestException.summarize("Not found: /jars/x")).isEqualTo("Not found: /jars/x");
    }
}
