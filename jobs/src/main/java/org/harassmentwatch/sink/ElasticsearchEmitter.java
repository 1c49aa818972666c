package org.harassmentwatch.sink;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Turns one stream element into 0..n index operations. Runs in the sink writer, so the operations never pass through
 * Flink's serializers; it is shipped to the task managers with the sink, hence {@link Serializable}.
 *
 * <p>Keep it deterministic: the same element must always give the same operations (same ids, same versions), so a
 * replay after a failure rewrites the same documents instead of adding new ones.
 */
@FunctionalInterface
public interface ElasticsearchEmitter<T> extends Serializable {

    /** Hands every operation for {@code element} to {@code requests}, in the order they must be applied. */
    void emit(T element, Consumer<IndexRequestSpec> requests);

    /** For streams that already carry {@link IndexRequestSpec}s. */
    static ElasticsearchEmitter<IndexRequestSpec> identity() {
        return (element, requests) -> requests.accept(element);
    }
}
