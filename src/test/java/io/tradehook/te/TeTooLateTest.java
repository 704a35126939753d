package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;

import io.tradehook.common.Json;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;

/**
 * An order whose request waited in the gateway until no TE call could end within its budget (more alerts at once
 * than the gateway's CPU takes in within it) is refused before it is counted, claimed or recorded: 503 with
 * Retry-After, nothing sent, no work spent on it that the orders still in time need. Here the budget is the call's
 * time limit, so every order has waited too long by the time it is checked.
 */
class TeTooLateTest extends TeTestSupport {

    @Override
    protected Properties teOverrides() {
        Properties properties = new Properties();
        properties.put("tradehook.te.call-timeout-ms", "1500");
        properties.put("tradehook.te.budget-ms", "1500");
        return properties;
    }

    @Test
    void an_order_that_can_no_longer_be_sent_in_time_is_refused_before_it_is_admitted() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);

        HttpResponse<String> answer = post(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Market",
                 "qty":1,"side":"buy","requestId":"late-1"}""");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Json.MAPPER.readTree(answer.body()).path("errmsg").asText()).isEqualTo(TeClient.BUSY);
        assertThat(te.ordersPlaced()).isZero();
        // its record says how far it came: checked, never admitted (no claim, no count, no attempt)
        assertThat(rows("""
                select detail::jsonb -> 'stagesMs' -> 'checked' is not null,
                       detail::jsonb -> 'stagesMs' -> 'admitted' is not null
                  from webhook_request where api_key = ?""", trader.key().apiKey()))
                .containsExactly(List.of("t", "f"));
        assertThat(rows("select count(*) from te_order_attempt")).containsExactly(List.of("0"));
    }
}
