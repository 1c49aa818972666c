package org.harassmentwatch.job;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.harassmentwatch.ingest.KafkaClientConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates topics before anything writes to them (a Kafka sink writing to a missing topic on a broker without
 * auto-creation fails only after a minute). Idempotent: an existing topic is left as it is.
 */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public enum Outcome { CREATED, EXISTED }

    public record Result(String topic, Outcome outcome) {
        @Override
        public String toString() {
            return topic + " " + outcome.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Creates the missing ones of {@code topics}; {@code partitions} / {@code replication} empty = the broker's
     * defaults ({@code num.partitions}, {@code default.replication.factor}).
     */
    public static List<Result> ensure(KafkaClientConfig client, List<String> topics, Optional<Integer> partitions,
                                      Optional<Short> replication, Duration timeout) {
        try (Admin admin = Admin.create(client.toProperties())) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (outcomes.containsKey(topic)) {
                    continue;
                }
                if (existing.contains(topic)) {
                    outcomes.put(topic, Outcome.EXISTED);
                } else {
                    outcomes.put(topic, Outcome.CREATED);
                    missing.add(new NewTopic(topic, partitions, replication));
                }
            }
            if (!missing.isEmpty()) {
                for (Map.Entry<String, KafkaFuture<Void>> e
                        : admin.createTopics(missing).values().entrySet()) {
                    try {
                        e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (ExecutionException failure) {
                        if (!(failure.getCause() instanceof TopicExistsException)) {
                            throw failure;
                        }
                        outcomes.put(e.getKey(), Outcome.EXISTED); // created meanwhile by someone else
                    }
                }
            }
            List<Result> results = new ArrayList<>();
            outcomes.forEach((t, o) -> results.add(new Result(t, o)));
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create Kafka topics " + topics + " at " + client.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + client.bootstrapServers() + " did not answer within "
                    + timeout.toSeconds() + " s while creating topics " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics " + topics, e);
        }
    }

    /** Which of {@code topics} exist. */
    public static Set<String> existing(KafkaClientConfig client, List<String> topics, Duration timeout) {
        try (Admin admin = Admin.create(client.toProperties())) {
            Set<String> names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> found = new TreeSet<>(topics);
            found.retainAll(names);
            return found;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list Kafka topics at " + client.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + client.bootstrapServers() + " did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing Kafka topics", e);
        }
    }
}
