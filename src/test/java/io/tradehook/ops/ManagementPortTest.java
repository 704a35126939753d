package io.tradehook.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.WebhookClient;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** Health lives on the management port only, with the paths docs/operations.md documents. */
class ManagementPortTest extends GatewayTestSupport {

    private WebhookClient management() {
        return new WebhookClient("http://localhost:" + managementPort());
    }

    @Test
    void health_live_and_ready_are_up_on_the_management_port() {
        for (String path : new String[] {"/observe/health", "/observe/health/live", "/observe/health/ready"}) {
            Answer answer = management().send(path, "GET", null, null);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.json().path("status").asText()).as(path).isEqualTo("UP");
        }
    }

    @Test
    void readiness_includes_the_database_check_and_liveness_does_not() {
        assertThat(checks("/observe/health/ready")).contains("database=UP");
        assertThat(checks("/observe/health/live")).noneMatch(check -> check.startsWith("database="));
    }

    private List<String> checks(String path) {
        List<String> checks = new ArrayList<>();
        management().send(path + "?exposureLevel=full", "GET", null, null).json().path("checks")
                .forEach(check -> checks.add(check.path("name").asText() + "=" + check.path("status").asText()));
        return checks;
    }

    @Test
    void management_paths_are_not_served_on_the_public_port() {
        assertThat(http.send("/observe/health", "GET", null, null).status()).isEqualTo(404);
        assertThat(http.send("/observe/metrics", "GET", null, null).status()).isEqualTo(404);
    }
}
