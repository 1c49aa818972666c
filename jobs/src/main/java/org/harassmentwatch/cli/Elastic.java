package org.harassmentwatch.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.TemplateInstaller;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Elasticsearch chores shared by the commands that write results. */
final class Elastic {
    private Elastic() {
    }

    /** Installs the bundled templates and creates the write indices (idempotent); one summary line. */
    static void installTemplates(EsConnection connection, String prefix, PrintStream log) {
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(prefix));
            List<TemplateInstaller.Result> templates = installer.install();
            List<TemplateInstaller.Result> indices = installer.ensureIndices(null);
            long changed = templates.stream().filter(r -> r.outcome() != TemplateInstaller.Outcome.UNCHANGED).count();
            log.printf("templates: %d installed (%d changed), %d indices ready at %s%n", templates.size(), changed,
                    indices.size(), connection.urlList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Elasticsearch at " + connection.urlList() + ": " + e.getMessage(), e);
        }
    }
}
