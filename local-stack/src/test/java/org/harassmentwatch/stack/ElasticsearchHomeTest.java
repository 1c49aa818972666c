package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElasticsearchHomeTest {

    @Test
    void jarsGoWhereTheTarDistributionKeepsThem() {
        assertThat(ElasticsearchHome.destinationOf("elasticsearch-8.19.0.jar")).isEqualTo("lib");
        assertThat(ElasticsearchHome.destinationOf("lucene-core-9.12.2.jar")).isEqualTo("lib");
        assertThat(ElasticsearchHome.destinationOf("elasticsearch-entitlement-8.19.0.jar")).isEqualTo("lib");
        assertThat(ElasticsearchHome.destinationOf("elasticsearch-entitlement-bridge-8.19.0.jar")).isEqualTo("lib/entitlement-bridge");
        assertThat(ElasticsearchHome.destinationOf("transport-netty4-8.19.0.jar")).isEqualTo("modules/transport-netty4");
        assertThat(ElasticsearchHome.destinationOf("elasticsearch-ssl-config-8.19.0.jar")).isEqualTo("modules/transport-netty4");
        assertThat(ElasticsearchHome.destinationOf("netty-codec-http-4.1.118.Final.jar")).isEqualTo("modules/transport-netty4");
    }
}
