package org.harassmentwatch.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests one real Elasticsearch node and one Kafka broker, shared by all test classes of
 * the JVM: started on first use, stopped when the test run ends (root store resource, plus the stack's shutdown
 * hook). Data is fresh for each run, under {@code target/local-stack} of the module being tested (or
 * {@code -Dhw.stack.dataDir}).
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class SinkIT {
 *     @Test void indexes(LocalStack stack) { ... stack.elasticsearchUrl() ... }
 *     // or LocalStackExtension.elasticsearchUrl() / kafkaBootstrap() anywhere after the class started
 * }
 * }</pre>
 *
 * A stack that fails to start fails every test class that uses it with the same one-line reason, without retrying.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    /** Overrides the data folder of the shared stack. */
    public static final String DATA_DIR_PROPERTY = "hw.stack.dataDir";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static volatile SharedStack shared;

    @Override
    public void beforeAll(ExtensionContext context) {
        sharedStack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return sharedStack(extensionContext);
    }

    /** The shared stack; only valid in tests of a class that uses this extension. */
    public static LocalStack stack() {
        SharedStack current = shared;
        if (current == null) {
            throw new IllegalStateException("no shared local stack: annotate the test class with @ExtendWith(LocalStackExtension.class)");
        }
        return current.stackOrThrow();
    }

    public static String elasticsearchUrl() {
        return stack().elasticsearchUrl();
    }

    public static String kafkaBootstrap() {
        return stack().kafkaBootstrap();
    }

    private static LocalStack sharedStack(ExtensionContext context) {
        SharedStack stack = context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(dataDir()), SharedStack.class);
        shared = stack;
        return stack.stackOrThrow();
    }

    /**
     * {@code target/local-stack} of the module under test, unless uid 65534 (who runs Elasticsearch when the tests
     * run as root) cannot reach it: then a folder of the same name per module under java.io.tmpdir.
     */
    static Path dataDir() {
        String configured = System.getProperty(DATA_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Path inTarget = module.resolve("target").resolve("local-stack");
        if (!UnixAccess.isRoot() || UnixAccess.firstUntraversable(inTarget).isEmpty()) {
            return inTarget;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "hw-local-stack-" + Integer.toHexString(module.toString().hashCode()));
    }

    /** The started stack, or the failure to report again to every later test class. */
    static final class SharedStack implements ExtensionContext.Store.CloseableResource {
        private final LocalStack stack;
        private final StackStartException failure;

        private SharedStack(LocalStack stack, StackStartException failure) {
            this.stack = stack;
            this.failure = failure;
        }

        static SharedStack start(Path dataDir) {
            try {
                Files.createDirectories(dataDir);
                LocalStack stack = LocalStack.builder()
                    .dataDir(dataDir)
                    .withElasticsearch()
                    .withKafka()
                    .elasticsearchHeap("512m")
                    .kafkaHeap("512m")
                    .startupTimeout(Duration.ofSeconds(120))
                    .freshData(true)
                    .build()
                    .start();
                return new SharedStack(stack, null);
            } catch (StackStartException e) {
                return new SharedStack(null, e);
            } catch (java.io.IOException e) {
                return new SharedStack(null, new StackStartException("cannot create local stack data folder " + dataDir + ": " + e.getMessage(), e));
            }
        }

        LocalStack stackOrThrow() {
            if (failure != null) {
                throw new StackStartException("shared local stack did not start: " + failure.getMessage(), failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
