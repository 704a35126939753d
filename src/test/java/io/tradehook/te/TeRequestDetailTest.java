package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** A request's detail shows the call that went to TE as it left, and never the gateway's token. */
class TeRequestDetailTest extends TeTestSupport {

    @Test
    void the_detail_of_a_te_place_holds_the_call_sent_and_no_token() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);

        Answer placed = placeEurUsd(trader, 12);

        assertThat(placed.status()).isEqualTo(200);
        String stored = rows("select detail from webhook_request where key_id = ? order by id desc limit 1",
                trader.key().id()).get(0).get(0);
        JsonNode sent = new ObjectMapper().readTree(stored).path("brokerRequest");
        assertThat(sent.path("method").asText()).isEqualTo("POST");
        assertThat(sent.path("path").asText()).isEqualTo("/accounts/" + ACCOUNT_ID + "/orders");
        assertThat(sent.path("query").asText()).startsWith("requestId=");
        assertThat(sent.path("body").path("tradableInstrumentId").asLong()).isEqualTo(7001);
        assertThat(sent.path("body").path("qty").asInt()).isEqualTo(12);
        assertThat(stored).doesNotContain("te-token-").doesNotContain(FakeTe.PASSWORD);
    }
}
