package dev.portway.allocator.grpc;

import dev.portway.allocator.allocation.RequestChecks;
import dev.portway.allocator.model.HostPort;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque List page tokens: where the next page starts, bound to the account listed so that a token cannot
 * be replayed against another listing. Clients must not parse them; the format may change.
 */
final class PageTokens {

    private static final String VERSION = "v1";

    private PageTokens() {
    }

    static String encode(String account, HostPort after) {
        if (after == null) {
            return "";
        }
        String plain = VERSION + "\n" + account + "\n" + after.host() + "\n" + after.port();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @return where to start, or null for the first page */
    static HostPort decode(String account, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                    .split("\n", -1);
            if (parts.length == 4 && VERSION.equals(parts[0]) && parts[1].equals(account)) {
                return new HostPort(parts[2], Integer.parseInt(parts[3]));
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a token of ours (NumberFormatException is an IllegalArgumentException)
        }
        throw RequestChecks.invalid("page_token is not one this listing issued: pass next_page_token from"
                + " the previous List response of the same account, or leave it empty for the first page");
    }
}
