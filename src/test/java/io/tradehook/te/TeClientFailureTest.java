package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.tradehook.te.TeClient.Failure;
import io.netty.channel.ConnectTimeoutException;
import io.tradehook.common.BrokerFailure;
import io.vertx.core.http.HttpClosedException;
import org.junit.jupiter.api.Test;

/** What a failed call means for the order: nothing sent (503), or sent with an unknown effect (502/504). */
class TeClientFailureTest {

    @Test
    void failures_before_anything_was_sent_are_told_apart_from_those_after() {
        assertThat(TeClient.classify(new ExecutionException(new ConnectException("refused"))))
                .isEqualTo(Failure.NOT_CONNECTED);
        assertThat(TeClient.classify(new ConnectTimeoutException("connection timed out"))).isEqualTo(Failure.NOT_CONNECTED);
        assertThat(TeClient.classify(new TimeoutException())).isEqualTo(Failure.TIMEOUT);
        assertThat(TeClient.classify(new HttpClosedException("Connection was closed"))).isEqualTo(Failure.BROKEN);
        assertThat(TeClient.classify(new IOException("connection reset"))).isEqualTo(Failure.BROKEN);
        assertThat(TeClient.classify(new TeHttp.TeServerError("HTTP 500"))).isEqualTo(Failure.BROKEN);
    }

    @Test
    void only_a_call_that_may_have_changed_something_has_an_unknown_outcome() {
        BrokerFailure order = Failure.TIMEOUT.toBrokerFailure(false);
        BrokerFailure lookup = Failure.TIMEOUT.toBrokerFailure(true);
        BrokerFailure down = Failure.NOT_CONNECTED.toBrokerFailure(false);

        assertThat(order.status()).isEqualTo(504);
        assertThat(order.outcomeUnknown()).isTrue();
        assertThat(order.getMessage()).isEqualTo(TeClient.OUTCOME_UNKNOWN);
        assertThat(lookup.outcomeUnknown()).isFalse();
        assertThat(lookup.getMessage()).isEqualTo(TeClient.TIMED_OUT);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.outcomeUnknown()).isFalse();
    }
}
