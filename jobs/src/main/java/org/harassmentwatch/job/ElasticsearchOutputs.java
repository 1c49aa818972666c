package org.harassmentwatch.job;

import org.harassmentwatch.sink.BulkSettings;
import org.harassmentwatch.sink.ElasticsearchSink;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.ResultEmitters;

import java.util.function.Consumer;

/**
 * Attaches the Elasticsearch sinks (campaigns + evidence, dead letters) to the detection graph's outputs.
 *
 * <p>Each sink runs in a task of its own ({@code disableChaining}): a sink waits for Elasticsearch on every checkpoint
 * (flush) and when its requests in flight are full, and chained to its producer it would stall that operator's thread
 * with it — measured: chained to the campaign clustering, each checkpoint's flush held every alert back by 1.5-2 s.
 */
public final class ElasticsearchOutputs implements Consumer<HarassmentCampaignJob.Outputs> {

    private final EsConnection connection;
    private final ResultEmitters.Indices indices;
    private final BulkSettings bulk;

    public ElasticsearchOutputs(EsConnection connection, String prefix, BulkSettings bulk) {
        this.connection = connection;
        this.indices = ResultEmitters.Indices.withPrefix(prefix);
        this.bulk = bulk;
    }

    @Override
    public void accept(HarassmentCampaignJob.Outputs outputs) {
        outputs.campaigns()
                .sinkTo(new ElasticsearchSink<>(connection, ResultEmitters.campaigns(indices), bulk,
                        ResultEmitters.rejectionHandler(indices)))
                .uid("sink-es-campaigns").name("Elasticsearch: campaigns + evidence")
                .setParallelism(1)
                .disableChaining();
        outputs.deadLetters()
                .sinkTo(new ElasticsearchSink<>(connection, ResultEmitters.deadLetters(indices), bulk,
                        ResultEmitters.rejectionHandler(indices)))
                .uid("sink-es-dead-letters").name("Elasticsearch: dead letters")
                .disableChaining();
    }
}
