package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlinkResourceParamsTest {
    /** What Flink 2.2.1's BashJavaUtils printed for a 1024m JobManager, after a logging line. */
    private static final String JOB_MANAGER_OUTPUT = """
        INFO  [] - Loading configuration property: jobmanager.memory.process.size, 1024m
        BASH_JAVA_UTILS_EXEC_RESULT:-Xmx469762048 -Xms469762048 -XX:MaxMetaspaceSize=268435456
        BASH_JAVA_UTILS_EXEC_RESULT:-D jobmanager.memory.off-heap.size=134217728b -D jobmanager.memory.heap.size=469762048b
        """;

    @Test
    void resultLinesBecomeJvmFlagsAndDynamicProperties() {
        FlinkResourceParams params = FlinkResourceParams.parse(FlinkResourceParams.Command.JOB_MANAGER, JOB_MANAGER_OUTPUT);

        assertThat(params.jvmArgs()).containsExactly("-Xmx469762048", "-Xms469762048", "-XX:MaxMetaspaceSize=268435456");
        assertThat(params.dynamicProperties())
            .containsExactly("-D", "jobmanager.memory.off-heap.size=134217728b", "-D", "jobmanager.memory.heap.size=469762048b");
    }

    @Test
    void outputWithoutTwoResultLinesIsRefusedWithItsLastLine() {
        assertThatThrownBy(() -> FlinkResourceParams.parse(FlinkResourceParams.Command.TASK_MANAGER,
                "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1\nsomething went wrong\n"))
            .isInstanceOf(StackStartException.class)
            .hasMessage("Flink's GET_TM_RESOURCE_PARAMS printed 1 lines starting with BASH_JAVA_UTILS_EXEC_RESULT: instead of 2: something went wrong");
    }

    @Test
    void dynamicPropertiesNotInDashDPairsAreRefused() {
        assertThatThrownBy(() -> FlinkResourceParams.parse(FlinkResourceParams.Command.JOB_MANAGER,
                "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1\nBASH_JAVA_UTILS_EXEC_RESULT:-D a=1 b=2\n"))
            .isInstanceOf(StackStartException.class)
            .hasMessageContaining("not of the form \"-D key=value ...\": -D a=1 b=2");
    }
}
