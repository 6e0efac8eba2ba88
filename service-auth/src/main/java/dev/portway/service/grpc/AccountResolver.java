package dev.portway.service.grpc;

import dev.portway.auth.AccountNames;
import dev.portway.auth.Caller;
import io.grpc.Status;

/** Decides which account a request acts for, from the caller and the request's {@code account} field. */
public final class AccountResolver {

    private AccountResolver() {
    }

    /**
     * A user authtoken acts for its own account only; the service token acts for the account it names.
     */
    public static String resolve(Caller caller, String requested) {
        String account = requested == null ? "" : requested.trim();
        if (caller.service()) {
            if (account.isEmpty()) {
                throw RefusedException.invalid("account is required when calling with the service token:"
                        + " set it to the account to act for");
            }
            if (!AccountNames.isValid(account)) {
                throw RefusedException.invalid("account " + UserText.echo(account)
                        + " is not an account name; " + AccountNames.RULE);
            }
            return account;
        }
        if (!account.isEmpty() && !account.equals(caller.account())) {
            throw new RefusedException(Status.Code.PERMISSION_DENIED, "this authtoken acts for account '"
                    + caller.account() + "' only, not " + UserText.echo(account)
                    + "; leave account empty or set it to '" + caller.account() + "'");
        }
        return caller.account();
    }
}
