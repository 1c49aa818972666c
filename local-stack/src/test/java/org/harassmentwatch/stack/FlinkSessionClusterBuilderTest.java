package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlinkSessionClusterBuilderTest {
    @Test
    void settingThatTheClusterDerivesIsRefusedByName() {
        assertThatThrownBy(() -> FlinkSessionCluster.builder().setting("rest.port", "8081"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("setting key rest.port is managed by the local Flink cluster");
    }

    @Test
    void scriptOnlySettingIsRefusedAsWithoutEffect() {
        assertThatThrownBy(() -> FlinkSessionCluster.builder().setting("env.java.opts.all", "-Xss4m"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("setting key env.java.opts.all would have no effect: only Flink's shell scripts read env.*");
    }

    @Test
    void memorySizeWithoutUnitIsRefused() {
        assertThatThrownBy(() -> FlinkSessionCluster.builder().taskManagerMemory("2560"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("taskManagerMemory must look like 1024m or 2g, was 2560");
    }

    @Test
    void missingDataDirIsRefused() {
        assertThatThrownBy(() -> FlinkSessionCluster.builder().build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("dataDir is required");
    }
}
