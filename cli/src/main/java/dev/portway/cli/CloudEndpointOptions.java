package dev.portway.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** What create and update may set besides the URL. */
public class CloudEndpointOptions {

    @Option(names = "--traffic-policy-file", paramLabel = "<file>",
            description = "The traffic policy (YAML or JSON; - reads standard input). It must end every decision:"
                    + " check it with portway policy validate --endpoint-kind cloud <file>.")
    String trafficPolicyFile;

    @Option(names = "--description", paramLabel = "TEXT", description = "Shown in listings (at most 256 characters).")
    String description;

    @Option(names = "--metadata", paramLabel = "KEY=VALUE",
            description = "A label; repeat for more (at most 16).")
    Map<String, String> metadata;
}
