package org.harassmentwatch.sink;

import java.io.Serializable;
import java.util.List;

/**
 * Decides what becomes of a document Elasticsearch refused for good. The operations it returns are written by the
 * same writer, with the same batching and endless retries, before {@code flush()} returns; so a rejected document is
 * never lost as long as what the handler writes (typically a dead letter) is accepted.
 *
 * <p>Operations returned for a rejection of an operation the handler itself produced are not offered to the handler
 * again: that rejection fails the writer (the dead-letter index is broken, which needs a person, not a loop).
 */
@FunctionalInterface
public interface DocumentRejectionHandler extends Serializable {

    /** What to write instead of (or besides) the rejected document; may be empty. */
    List<IndexRequestSpec> onRejected(DocumentRejection rejection);
}
