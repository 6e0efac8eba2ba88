package dev.portway.policyengine.grpc;

import dev.portway.policyengine.endpoints.EngineException;
import dev.portway.policyengine.endpoints.Failure;
import dev.portway.policyengine.endpoints.RequestChecks;

import java.util.regex.Pattern;

/** Decides which account a request acts for, from the caller and the request's {@code account} field. */
public final class AccountResolver {

    static final String ACCOUNT_RULE = "use 1-128 letters, digits or . _ @ - (starting with a letter or digit)";
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private AccountResolver() {
    }

    public static boolean isAccountName(String account) {
        return account != null && ACCOUNT.matcher(account).matches();
    }

    /**
     * A user authtoken acts for its own account only; the service token acts for the account it names.
     */
    public static String resolve(Caller caller, String requested) {
        String account = requested == null ? "" : requested.trim();
        if (caller.service()) {
            if (account.isEmpty()) {
                throw EngineException.invalid("account is required when calling with the service token:"
                        + " set it to the account to act for");
            }
            if (!isAccountName(account)) {
                throw EngineException.invalid("account " + RequestChecks.echo(account)
                        + " is not an account name; " + ACCOUNT_RULE);
            }
            return account;
        }
        if (!account.isEmpty() && !account.equals(caller.account())) {
            throw new EngineException(Failure.PERMISSION_DENIED, "this authtoken acts for account '"
                    + caller.account() + "' only, not " + RequestChecks.echo(account)
                    + "; leave account empty or set it to '" + caller.account() + "'");
        }
        return caller.account();
    }
}
