package org.harassmentwatch.stack.es.node;

import java.time.Instant;
import java.util.List;

import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.common.compress.CompressedXContent;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexMode;
import org.elasticsearch.index.IndexSettingProvider;

/**
 * Gives every new index {@code number_of_replicas: 0} unless its templates or create request choose a value.
 *
 * <p>A replica can never be assigned on a single node, so the default of 1 leaves the cluster yellow. A catch-all
 * index template cannot fix this: composable templates do not merge, so the project's own templates would hide it.
 */
final class SingleNodeReplicaDefaults implements IndexSettingProvider {
    private static final Settings NO_REPLICAS = Settings.builder().put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0).build();

    @Override
    public Settings getAdditionalIndexSettings(
        String indexName,
        String dataStreamName,
        IndexMode templateIndexMode,
        Metadata metadata,
        Instant resolvedAt,
        Settings indexTemplateAndCreateRequestSettings,
        List<CompressedXContent> combinedTemplateMappings
    ) {
        if (indexTemplateAndCreateRequestSettings.hasValue(IndexMetadata.SETTING_NUMBER_OF_REPLICAS)
            || indexTemplateAndCreateRequestSettings.hasValue(IndexMetadata.SETTING_AUTO_EXPAND_REPLICAS)) {
            return Settings.EMPTY;
        }
        return NO_REPLICAS;
    }
}
