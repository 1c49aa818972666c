package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@code conf} folder of the local Flink cluster: {@code config.yaml} and the log4j 2 configuration. */
final class FlinkConf {
    static final String CONFIG_FILE = "config.yaml";
    static final String LOG4J_FILE = "log4j.properties";

    /**
     * What Flink's distribution puts in {@code env.java.opts.all} for Java 17 (flink-dist's config.yaml): Kryo, the
     * Pekko RPC system and the user-code class loaders reflect into these JDK internals.
     */
    static final List<String> JAVA_MODULE_OPTIONS = List.of(
        "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
        "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.text=ALL-UNNAMED",
        "--add-opens=java.base/java.time=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private FlinkConf() {}

    /** Writes both files into {@code confDir}, settings in the given (insertion) order. */
    static void write(Path confDir, Map<String, String> settings) {
        try {
            Files.createDirectories(confDir);
            Files.writeString(confDir.resolve(CONFIG_FILE), yaml(settings));
            Files.writeString(confDir.resolve(LOG4J_FILE), LOG4J);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + confDir, e);
        }
    }

    /**
     * Flink 2.x reads only {@code config.yaml}, a YAML 1.2 document whose nested keys it flattens with dots; flat
     * dotted keys at the top level are read the same way and cannot collide (a nested {@code a.b} next to a leaf
     * {@code a} would). Every key and value is double-quoted: Flink converts strings to the option's type, while a
     * bare {@code on}, {@code #} or {@code :} in a value (a path, say) would change what YAML reads.
     */
    static String yaml(Map<String, String> settings) {
        StringBuilder out = new StringBuilder("# Written by the harassment-watch local stack on every start.\n");
        settings.forEach((key, value) -> out.append(quoted(key)).append(": ").append(quoted(value)).append('\n'));
        return out.toString();
    }

    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Like flink-dist's log4j.properties: one rolling file per process, named by the {@code log.file} property. */
    private static final String LOG4J = """
        # Written by the harassment-watch local stack.
        status = error
        rootLogger.level = INFO
        rootLogger.appenderRef.main.ref = MainAppender
        logger.pekko.name = org.apache.pekko
        logger.pekko.level = INFO
        logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
        logger.netty.level = OFF
        appender.main.name = MainAppender
        appender.main.type = RollingFile
        appender.main.append = true
        appender.main.fileName = ${sys:log.file}
        appender.main.filePattern = ${sys:log.file}.%i
        appender.main.layout.type = PatternLayout
        appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
        appender.main.policies.type = Policies
        appender.main.policies.size.type = SizeBasedTriggeringPolicy
        appender.main.policies.size.size = 64MB
        appender.main.strategy.type = DefaultRolloverStrategy
        appender.main.strategy.max = 2
        """;
}
