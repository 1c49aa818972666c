package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The persistent mode of the CLI, end to end: up, up again, status, down, data kept, down --wipe. */
class StackControlIT {
    private static final Path DATA = LocalStackExtension.dataDir().resolveSibling("stack-control-it");

    @AfterAll
    static void leaveNothingRunning() {
        StackControl.down(DATA, true);
    }

    @Test
    void upStatusDownKeepsDataAndLeavesNoJvm() throws Exception {
        StackControl.down(DATA, true);

        List<ServiceStatus> up = StackControl.up(DATA);

        assertThat(up).extracting(ServiceStatus::name).containsExactly("Elasticsearch", "Kafka");
        assertThat(up.get(0).endpointLine()).matches("Elasticsearch: http://127\\.0\\.0\\.1:\\d+");
        assertThat(up.get(1).endpointLine()).matches("Kafka: 127\\.0\\.0\\.1:\\d+");
        assertThat(up).allMatch(ServiceStatus::healthy);
        assertThat(Files.readString(DATA.resolve(StackControl.STATE_FILE))).contains("\"pid\": " + up.get(0).pid());

        List<ServiceStatus> again = StackControl.up(DATA);
        assertThat(again).extracting(ServiceStatus::pid).containsExactly(up.get(0).pid(), up.get(1).pid());
        int exit = StackMain.run(new String[] {"status", "--data-dir", DATA.toString()});
        assertThat(exit).isZero();

        List<ServiceStatus> down = StackControl.down(DATA, false);

        assertThat(down).noneMatch(ServiceStatus::alive);
        assertThat(Processes.isAlive(up.get(0).pid())).isFalse();
        assertThat(Processes.isAlive(up.get(1).pid())).isFalse();
        assertThat(StackControl.status(DATA)).extracting(ServiceStatus::statusLine)
            .containsExactly("Elasticsearch: not running", "Kafka: not running");
        assertThat(StackMain.run(new String[] {"status", "--data-dir", DATA.toString()})).isEqualTo(3);
        assertThat(DATA.resolve("kafka/data/meta.properties")).exists();
        assertThat(DATA.resolve("elasticsearch/data")).isNotEmptyDirectory();

        StackControl.down(DATA, true);
        assertThat(DATA.resolve("elasticsearch")).doesNotExist();
        assertThat(DATA.resolve("kafka")).doesNotExist();
    }
}
