package dev.portway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The application as packaged: health and metrics over HTTP. The test profile points the watches at
 * 127.0.0.1:1, where nothing answers, so the edge stays not ready (and fails closed: no policy-engine);
 * its agent data listener binds a free port.
 */
@QuarkusTest
class EdgeHttpEndpointsTest {

    @Test
    void isNotReadyAndNamesTheWatchesWithoutSnapshot() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'control-plane snapshots' }.data.missing",
                        equalTo("allocator 127.0.0.1:1, bridge 127.0.0.1:1, policy-engine 127.0.0.1:1"));
    }

    @Test
    void reportsTheAgentDataListenerAndTheAddressItAdvertises() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .body("checks.find { it.name == 'agent data listener' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'agent data listener' }.data.advertised", startsWith("localhost:"));
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesTheEdgeMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("portway_edge_connections_open"))
                .body(containsString("portway_edge_connections_total"))
                .body(containsString("portway_edge_listeners"))
                .body(containsString("portway_edge_connections_refused_total"))
                .body(containsString("portway_edge_agent_dial_timeouts_total"))
                .body(containsString("portway_edge_policy_engine_up 0.0"))
                .body(containsString("portway_edge_policy_engine_unavailable_closes_total"))
                .body(containsString("portway_edge_endpoints_not_pooled"));
    }
}
