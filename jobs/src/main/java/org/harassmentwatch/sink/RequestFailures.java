package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.elasticsearch.client.ResponseException;

/**
 * Reads a failed bulk request. With elasticsearch-java 8.19 over the low-level client a refused request arrives as
 * {@link ResponseException} (409, 429, 5xx), {@link ElasticsearchException} (400, 401, 403, 404, 405) or
 * {@link TransportException}; a node that cannot be reached as another {@link IOException} (e.g.
 * {@link java.net.ConnectException}), possibly wrapped by the future.
 */
final class RequestFailures {

    private static final int MAX_MESSAGE_CHARS = 300;

    private RequestFailures() {
    }

    /** Whether sending again can succeed: no answer at all (I/O), or an answer of 429 / 5xx. */
    static boolean retryable(Throwable failure) {
        int status = status(failure);
        if (status > 0) {
            return ItemOutcome.isRetryableStatus(status);
        }
        for (Throwable t = unwrap(failure); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status Elasticsearch answered with, or -1 when there was no answer. */
    static int status(Throwable failure) {
        for (Throwable t = unwrap(failure); t != null; t = t.getCause()) {
            if (t instanceof ResponseException response) {
                return response.getResponse().getStatusLine().getStatusCode();
            }
            if (t instanceof ElasticsearchException es) {
                return es.status();
            }
            if (t instanceof TransportException transport && transport.statusCode() > 0) {
                return transport.statusCode();
            }
        }
        return -1;
    }

    /** One line: {@code HTTP 503 ...} or the innermost cause, e.g. {@code ConnectException: Connection refused}. */
    static String describe(Throwable failure) {
        Throwable outer = unwrap(failure);
        int status = status(outer);
        Throwable root = outer;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        if (status > 0) {
            text = "HTTP " + status + " " + text;
        }
        text = text.replace('\n', ' ');
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
