package dev.portway.allocator.grpc;

import dev.portway.auth.AccountNames;
import dev.portway.auth.Caller;

import dev.portway.allocator.allocation.AllocationException;
import dev.portway.allocator.allocation.Failure;
import dev.portway.allocator.allocation.RequestChecks;

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
                throw RequestChecks.invalid("account is required when calling with the service token:"
                        + " set it to the account to act for");
            }
            if (!AccountNames.isValid(account)) {
                throw RequestChecks.invalid("account " + RequestChecks.echo(account)
                        + " is not an account name; " + AccountNames.RULE);
            }
            return account;
        }
        if (!account.isEmpty() && !account.equals(caller.account())) {
            throw new AllocationException(Failure.PERMISSION_DENIED, "this authtoken acts for account '"
                    + caller.account() + "' only, not " + RequestChecks.echo(account)
                    + "; leave account empty or set it to '" + caller.account() + "'");
        }
        return caller.account();
    }
}
