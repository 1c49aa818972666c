package org.harassmentwatch.stack.es.args;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.elasticsearch.bootstrap.ServerArgs;
import org.elasticsearch.common.io.stream.OutputStreamStreamOutput;
import org.elasticsearch.common.settings.KeyStoreWrapper;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;

/**
 * Writes the serialized {@link ServerArgs} that the Elasticsearch server reads from stdin, as the unpublished
 * server CLI would. Run on a plain classpath: {@code ServerArgsWriter <es home> <output file>}.
 *
 * <p>The settings of {@code config/elasticsearch.yml} are resolved here and baked into the output, so the file
 * must be rewritten whenever the yml changes.
 */
public final class ServerArgsWriter {
    private static final String NODE_NAME = "hw-local";

    private ServerArgsWriter() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ServerArgsWriter <es home> <output file>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]).toAbsolutePath();
        write(home, output);
    }

    static void write(Path home, Path output) throws IOException {
        Settings initial = Settings.builder().put("path.home", home.toString()).build();
        Environment env = InternalSettingsPreparer.prepareEnvironment(initial, Map.of(), home.resolve("config"), () -> NODE_NAME);
        ServerArgs serverArgs = new ServerArgs(
            true, // daemonize: otherwise the server exits as soon as its stdin (this file) reaches EOF
            false,
            home.resolve("elasticsearch.pid"),
            KeyStoreWrapper.create(),
            env.settings(),
            env.configDir(),
            env.logsDir()
        );
        try (OutputStream out = Files.newOutputStream(output); OutputStreamStreamOutput streamOut = new OutputStreamStreamOutput(out)) {
            serverArgs.writeTo(streamOut);
        }
    }
}
