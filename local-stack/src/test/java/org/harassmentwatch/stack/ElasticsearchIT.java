package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class ElasticsearchIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void indexedDocumentIsFoundBySearch(LocalStack stack) throws Exception {
        String url = stack.elasticsearchUrl();

        HttpResponse<String> created = send("PUT", url + "/it-messages", """
            {"mappings": {"properties": {"text": {"type": "text"}, "author": {"type": "keyword"}}}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        HttpResponse<String> indexed = send("PUT", url + "/it-messages/_doc/m-1?refresh=true", """
            {"text": "coordinated pile-on against a streamer", "author": "troll_42"}""");
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

        HttpResponse<String> found = send("POST", url + "/it-messages/_search", """
            {"query": {"match": {"text": "streamer"}}}""");

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("\"total\":{\"value\":1,").contains("\"_id\":\"m-1\"").contains("troll_42");
    }

    @Test
    void newIndicesGetNoReplicasSoTheSingleNodeStaysGreen(LocalStack stack) throws Exception {
        String url = stack.elasticsearchUrl();
        assertThat(send("PUT", url + "/it-green", "{}").statusCode()).isEqualTo(200);
        assertThat(send("PUT", url + "/it-explicit", "{\"settings\": {\"number_of_replicas\": 2}}").statusCode()).isEqualTo(200);

        HttpResponse<String> settings = send("GET", url + "/it-green,it-explicit/_settings/index.number_of_replicas", null);

        assertThat(settings.body()).contains("\"it-green\":{\"settings\":{\"index\":{\"number_of_replicas\":\"0\"}}}")
            .contains("\"it-explicit\":{\"settings\":{\"index\":{\"number_of_replicas\":\"2\"}}}");
        assertThat(send("DELETE", url + "/it-explicit", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", url + "/_cluster/health?wait_for_status=green&timeout=10s", null).body()).contains("\"status\":\"green\"");
    }

    @Test
    void rootEndpointAnswersLikeTheDistribution() throws Exception {
        String url = LocalStackExtension.elasticsearchUrl();

        HttpResponse<String> root = send("GET", url + "/", null);
        HttpResponse<String> head = send("HEAD", url + "/", null);

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("X-elastic-product")).hasValue("Elasticsearch");
        assertThat(root.body()).contains("\"cluster_name\":\"harassment-watch-local\"").contains("\"number\":\"8.19.0\"")
            .contains("\"lucene_version\":\"9.12.2\"").contains("\"tagline\":\"You Know, for Search\"");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void nodeRunsUnprivilegedAndReportsItsCost(LocalStack stack) {
        StartedService es = stack.elasticsearch().orElseThrow();

        assertThat(es.isAlive()).isTrue();
        assertThat(es.rssKb()).isPresent();
        if (UnixAccess.isRoot()) {
            assertThat(Processes.commandLine(es.pid())).isPresent();
            assertThat(uidOf(es.pid())).isEqualTo(UnixAccess.UNPRIVILEGED_UID);
        }
        System.out.printf("Elasticsearch: prepared in %d ms, launch to green %d ms, RSS %d MB%n",
            es.preparation().toMillis(), es.launchToReady().toMillis(), es.rssKb().getAsLong() / 1024);
    }

    private static int uidOf(long pid) {
        try {
            return ((Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc", Long.toString(pid)), "unix:uid"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static HttpResponse<String> send(String method, String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
