package dev.portway.policy.model;

import java.util.List;

/**
 * A parsed traffic policy: its rules in the order they run. Rules written under {@code on_http_request} or
 * {@code on_http_response} are included where they appear in the document (they run at on_tcp_connect).
 */
public record PolicyDocument(List<Rule> rules) {

    public PolicyDocument {
        rules = List.copyOf(rules);
    }
}
