package dev.portway.cli;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.DeleteCloudEndpointRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portway endpoints cloud delete <id>}: its address stays reserved. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a cloud endpoint; prints 'deleted: tcp://host:port' and 'id:'. Its address stays"
                + " reserved (portway addresses release gives it back).")
public class DeleteCloudEndpointCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<id>", description = "The cloud endpoint's id (cep_...).")
    String id;

    @Mixin
    PolicyEngineOptions policyEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String endpointId = requiredId(spec, id);
        try (var client = policyEngine.connect(spec)) {
            CloudEndpoint deleted = CloudEndpointCalls.call(client, stub -> stub.deleteCloudEndpoint(
                    DeleteCloudEndpointRequest.newBuilder().setId(endpointId).build())).getDeleted();
            PrintWriter out = spec.commandLine().getOut();
            out.println("deleted: " + deleted.getUrl());
            out.println("id: " + deleted.getId());
            out.flush();
            return Cli.OK;
        }
    }

    static String requiredId(CommandSpec spec, String id) {
        String trimmed = id == null ? "" : id.trim();
        if (trimmed.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "<id>: missing; expected the cep_... id of a cloud"
                    + " endpoint (portway endpoints cloud list)");
        }
        return trimmed;
    }
}
