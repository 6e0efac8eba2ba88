package dev.portway.policy.model;

import java.util.List;

/**
 * One rule: when every expression is true (or there is none), its actions run in order.
 *
 * @param phase       the phase it was written under
 * @param index       its index within that phase
 * @param name        optional name (empty when absent)
 * @param expressions CEL expressions, all of which must be true
 * @param actions     the actions, in order
 */
public record Rule(String phase, int index, String name, List<String> expressions, List<Action> actions) {

    public Rule {
        name = name == null ? "" : name;
        expressions = List.copyOf(expressions);
        actions = List.copyOf(actions);
    }
}
