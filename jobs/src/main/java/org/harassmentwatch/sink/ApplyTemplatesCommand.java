package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code apply-templates}: installs the component and index templates (idempotently) and optionally creates the
 * write indices, printing one line per template and a summary.
 *
 * <p>Exit codes: 0 done, 1 Elasticsearch unreachable or a template rejected, 2 bad options.
 */
@Command(
        name = "apply-templates",
        mixinStandardHelpOptions = true,
        description = {
            "Installs the harassment-watch component and index templates in Elasticsearch.",
            "Each template is compared with what is installed and only written when it differs:",
            "the output says created, updated or unchanged for each."
        },
        footer = {
            "",
            "Environment (used when the matching option is absent):",
            "  HW_ES_URLS, HW_ES_USERNAME, HW_ES_PASSWORD, HW_ES_API_KEY, HW_ES_CA_CERT, HW_ES_VERIFY_HOSTNAME"
        })
public final class ApplyTemplatesCommand implements Callable<Integer> {

    private static final String LINE_FORMAT = "%-18s %-24s %-9s %s%n";

    @picocli.CommandLine.Mixin
    EsConnectionOptions es = new EsConnectionOptions();

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = TemplateInstaller.DEFAULT_PREFIX,
            description = "Prefix of template and index names (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--templates-dir", paramLabel = "DIR",
            description = "Read component-template.*.json and index-template.*.json from DIR instead of the"
                    + " templates bundled in the jar.")
    Path templatesDir;

    @Option(names = "--create-indices",
            description = "Also create the write indices (PREFIXcampaigns, ...) when they do not exist.")
    boolean createIndices;

    @Option(names = "--replicas", paramLabel = "N",
            description = "number_of_replicas for indices created by --create-indices (0 on a single node);"
                    + " default: the cluster's.")
    Integer replicas;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public ApplyTemplatesCommand() {
        this(System.getenv());
    }

    /** For tests and embedding: reads {@code HW_ES_*} from {@code environment} instead of the process's. */
    public ApplyTemplatesCommand(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EsConnection connection;
        List<TemplateInstaller.Template> templates;
        try {
            if (replicas != null && !createIndices) {
                throw new IllegalArgumentException("--replicas only applies with --create-indices");
            }
            connection = connection();
            templates = TemplateInstaller.load(templatesDir, prefix);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("apply-templates: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }

        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            TemplateInstaller installer = new TemplateInstaller(client, templates);
            List<TemplateInstaller.Result> installed = installer.install();
            print(out, installed);
            List<TemplateInstaller.Result> indices = createIndices ? installer.ensureIndices(replicas) : List.of();
            print(out, indices);
            out.println(summary(installed.size() == 1 ? "template" : "templates", installed));
            if (createIndices) {
                out.println(summary(indices.size() == 1 ? "index" : "indices", indices));
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        } catch (IOException e) {
            err.println("apply-templates: cannot reach Elasticsearch at " + connection.urlList() + ": " + e);
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IllegalArgumentException e) {
            // e.g. a CA certificate file whose content does not parse
            err.println("apply-templates: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (IllegalStateException e) {
            err.println("apply-templates: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    EsConnection connection() {
        return es.toConnection(environment);
    }

    private static void print(PrintWriter out, List<TemplateInstaller.Result> results) {
        for (TemplateInstaller.Result result : results) {
            out.printf(LINE_FORMAT, result.kind().label(), result.name(), result.outcome().label(), result.detail());
        }
    }

    /** {@code 5 templates: 2 created, 1 updated, 2 unchanged}. */
    static String summary(String noun, List<TemplateInstaller.Result> results) {
        Map<TemplateInstaller.Outcome, Integer> counts = new EnumMap<>(TemplateInstaller.Outcome.class);
        for (TemplateInstaller.Outcome outcome : TemplateInstaller.Outcome.values()) {
            counts.put(outcome, 0);
        }
        results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        StringBuilder line = new StringBuilder().append(results.size()).append(' ').append(noun).append(':');
        String separator = " ";
        for (Map.Entry<TemplateInstaller.Outcome, Integer> count : counts.entrySet()) {
            line.append(separator).append(count.getValue()).append(' ').append(count.getKey().label());
            separator = ", ";
        }
        return line.toString();
    }
}
