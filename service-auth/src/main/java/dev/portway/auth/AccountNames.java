package dev.portway.auth;

import java.util.regex.Pattern;

/** What an account name may be: checked in configuration and in every request that names one. */
public final class AccountNames {

    public static final String RULE = "use 1-128 letters, digits or . _ @ - (starting with a letter or digit)";
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private AccountNames() {
    }

    public static boolean isValid(String account) {
        return account != null && ACCOUNT.matcher(account).matches();
    }
}
