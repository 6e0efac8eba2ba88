package dev.portway.policyengine.grpc;

import dev.portway.policyengine.endpoints.EngineException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque List page tokens: the URL the next page starts after, bound to the account listed so that a token
 * cannot be replayed against another listing. Clients must not parse them; the format may change.
 */
final class PageTokens {

    private static final String VERSION = "v1";

    private PageTokens() {
    }

    static String encode(String account, String afterUrl) {
        if (afterUrl == null) {
            return "";
        }
        String plain = VERSION + "\n" + account + "\n" + afterUrl;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the URL to start after, or null for the first page */
    static String decode(String account, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                    .split("\n", -1);
            if (parts.length == 3 && VERSION.equals(parts[0]) && parts[1].equals(account)) {
                return parts[2];
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a token of ours
        }
        throw EngineException.invalid("page_token is not one this listing issued: pass next_page_token from"
                + " the previous ListCloudEndpoints response of the same account, or leave it empty for the first"
                + " page");
    }
}
