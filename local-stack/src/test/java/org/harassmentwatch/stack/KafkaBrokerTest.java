package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.RepeatedTest;

class KafkaBrokerTest {

    @RepeatedTest(50)
    void clusterIdIsSixteenBytesOfUrlSafeBase64ThatIsNotAnOption() {
        String id = KafkaBroker.randomClusterId();

        assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
    }
}
