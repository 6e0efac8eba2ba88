package dev.portway.policy;

/** {@link PolicyCompiler#compile} refused a policy; {@link #validation()} has every error with its place. */
public class InvalidPolicyException extends Exception {

    private final transient Validation validation;

    public InvalidPolicyException(Validation validation) {
        super("the traffic policy has " + validation.errors().size() + " error"
                + (validation.errors().size() == 1 ? "" : "s") + ":\n" + validation.describeErrors());
        this.validation = validation;
    }

    public Validation validation() {
        return validation;
    }
}
