package dev.portway.policyengine.it;

import dev.portway.api.v1.CreateCloudEndpointRequest;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PolicyEngineTestConfig.class)
class HealthAndMetricsTest {

    @GrpcClient("policy")
    Channel channel;

    @BeforeEach
    void checkServer() {
        GrpcClients.assertServerRunning(channel);
    }

    @Test
    void shouldBeReadyWhenTheStoreAnswers() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("cloud-endpoint-store"));
    }

    @Test
    void shouldBeLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void shouldCountCloudEndpoints() {
        // Given (the app may be shared with other tests: compare before and after)
        long before = gauge("portway_cloud_endpoints");

        // When
        GrpcClients.blocking(channel, PolicyEngineTestConfig.SERVICE_TOKEN).createCloudEndpoint(
                CreateCloudEndpointRequest.newBuilder().setAccount("alice").setUrl("tcp://a.tcp.test:20090")
                        .setTrafficPolicy("on_tcp_connect: [{actions: [{type: deny}]}]").build());

        // Then
        assertEquals(before + 1, gauge("portway_cloud_endpoints"));
    }

    private static long gauge(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.]+)$").matcher(body);
        assertTrue(matcher.find(), "no " + name + " gauge");
        return (long) Double.parseDouble(matcher.group(2));
    }
}
