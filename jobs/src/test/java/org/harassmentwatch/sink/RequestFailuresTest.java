package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RequestFailuresTest {

    private static ElasticsearchException answered(int status, String type) {
        return new ElasticsearchException("bulk",
                ErrorResponse.of(r -> r.status(status).error(e -> e.type(type).reason("because"))));
    }

    @Test
    void noAnswerAtAllIsRetryable() {
        ExecutionException refused = new ExecutionException(new ConnectException("Connection refused"));
        ExecutionException timedOut = new ExecutionException(
                new CompletionException(new IOException("listener timeout", new SocketTimeoutException("30000 ms"))));

        assertThat(RequestFailures.retryable(refused)).isTrue();
        assertThat(RequestFailures.status(refused)).isEqualTo(-1);
        assertThat(RequestFailures.describe(refused)).isEqualTo("ConnectException: Connection refused");
        assertThat(RequestFailures.retryable(timedOut)).isTrue();
        assertThat(RequestFailures.describe(timedOut)).isEqualTo("SocketTimeoutException: 30000 ms");
    }

    @Test
    void answersAreRetryableOnlyFor429And5xx() {
        assertThat(RequestFailures.retryable(new ExecutionException(answered(429, "circuit_breaking_exception"))))
                .isTrue();
        assertThat(RequestFailures.retryable(new ExecutionException(answered(503, "unavailable")))).isTrue();
        assertThat(RequestFailures.retryable(new ExecutionException(answered(401, "security_exception")))).isFalse();
        assertThat(RequestFailures.retryable(new ExecutionException(answered(400, "parse_exception")))).isFalse();
        assertThat(RequestFailures.describe(new ExecutionException(answered(401, "security_exception"))))
                .startsWith("HTTP 401 ElasticsearchException");
    }

    @Test
    void programmingErrorIsNotRetried() {
        assertThat(RequestFailures.retryable(new ExecutionException(new IllegalStateException("bug")))).isFalse();
    }
}
