package dev.portway.allocator.it;

import dev.portway.api.v1.ReserveAddressRequest;
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
@WithTestResource(AllocatorTestConfig.class)
class HealthAndMetricsTest {

    @GrpcClient("allocator")
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
                .body("checks.name", hasItem("address-store"));
    }

    @Test
    void shouldBeLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void shouldExposeReservedAndFreeGaugesPerPoolHost() {
        // Given (the app may be shared with other tests: compare before and after)
        long reservedBefore = gauge("reserved", "a.tcp.test");
        long freeBefore = gauge("free", "a.tcp.test");
        assertEquals(100, reservedBefore + freeBefore);
        assertEquals(2, gauge("free", "tiny.tcp.test") + gauge("reserved", "tiny.tcp.test"));

        // When
        GrpcClients.blocking(channel, "Bearer " + AllocatorTestConfig.SERVICE_TOKEN)
                .reserve(ReserveAddressRequest.newBuilder().setAccount("metrics").setHost("a.tcp.test").build());

        // Then
        assertEquals(reservedBefore + 1, gauge("reserved", "a.tcp.test"));
        assertEquals(freeBefore - 1, gauge("free", "a.tcp.test"));
    }

    private static long gauge(String name, String pool) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^portway_addresses_" + name + "\\{pool=\"" + Pattern.quote(pool)
                + "\"} ([0-9.]+)$").matcher(body);
        assertTrue(matcher.find(), "no portway_addresses_" + name + " gauge for " + pool);
        return (long) Double.parseDouble(matcher.group(1));
    }
}
