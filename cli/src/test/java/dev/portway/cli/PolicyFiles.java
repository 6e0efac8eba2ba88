package dev.portway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Policy files for the tests: written to a temporary directory, or taken from the reference. */
final class PolicyFiles {

    /**
     * A verbatim copy of {@code ../shared/reference/cloudendpoint-with-agentendpoint.yaml} (ngrok's TCP
     * routing reference, "CloudEndpoint with AgentEndpoint"), the one reference example that carries a
     * traffic policy.
     */
    static final String REFERENCE = "/reference/cloudendpoint-with-agentendpoint.yaml";
    /** The examples the README uses, relative to the module (surefire runs in cli/). */
    static final Path EXAMPLES = Path.of("..", "examples");

    private PolicyFiles() {}

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code spec.trafficPolicy.policy} of the reference's CloudEndpoint, as YAML. */
    static String referenceCloudEndpointPolicy() {
        try (InputStream in = PolicyFiles.class.getResourceAsStream(REFERENCE)) {
            List<JsonNode> documents = new ArrayList<>();
            new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(in)
                    .forEachRemaining(node -> documents.add((JsonNode) node));
            JsonNode cloudEndpoint = documents.stream()
                    .filter(document -> "CloudEndpoint".equals(document.path("kind").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no CloudEndpoint in " + REFERENCE));
            JsonNode policy = cloudEndpoint.path("spec").path("trafficPolicy").path("policy");
            if (policy.isMissingNode()) {
                throw new AssertionError("the CloudEndpoint of " + REFERENCE + " has no spec.trafficPolicy.policy");
            }
            return new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).writeValueAsString(policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
