package dev.portway.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's "CloudEndpoint with AgentEndpoint" example (../shared/reference/tcp-routing.md), as
 * the Kubernetes manifests it shows, copied to src/test/resources/reference/ so a fresh clone has it.
 * The tests take their URL and policy from it rather than retyping them.
 */
public final class ReferenceExample {

    private static final String RESOURCE = "/reference/cloudendpoint-with-agentendpoint.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private final JsonNode agentEndpoint;
    private final JsonNode cloudEndpoint;

    private ReferenceExample(JsonNode agentEndpoint, JsonNode cloudEndpoint) {
        this.agentEndpoint = agentEndpoint;
        this.cloudEndpoint = cloudEndpoint;
    }

    public static ReferenceExample load() {
        List<JsonNode> documents = new ArrayList<>();
        try (InputStream in = ReferenceExample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
            }
            try (MappingIterator<JsonNode> docs = YAML.readValues(new YAMLFactory().createParser(in), JsonNode.class)) {
                docs.forEachRemaining(documents::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReferenceExample(kind(documents, "AgentEndpoint"), kind(documents, "CloudEndpoint"));
    }

    private static JsonNode kind(List<JsonNode> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " in " + RESOURCE));
    }

    /** The AgentEndpoint's {@code spec.url}: {@code tcp://example-service.internal:8443}. */
    public String agentEndpointUrl() {
        return agentEndpoint.path("spec").path("url").asText();
    }

    /** The CloudEndpoint's {@code spec.trafficPolicy.policy} subtree, unchanged, written back as YAML. */
    public String cloudEndpointPolicy() {
        JsonNode policy = cloudEndpoint.path("spec").path("trafficPolicy").path("policy");
        if (policy.isMissingNode()) {
            throw new IllegalStateException("the CloudEndpoint in " + RESOURCE + " has no spec.trafficPolicy.policy");
        }
        try {
            return YAML.writeValueAsString(policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
