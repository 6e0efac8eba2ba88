package dev.portway.policy.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as ngrok writes them: {@code 60s}, {@code 1m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(String text) throws IllegalArgumentException {
        String trimmed = text == null ? "" : text.trim();
        Matcher matcher = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < trimmed.length() && matcher.find(at) && matcher.start() == at) {
            long amount;
            try {
                amount = Long.parseLong(matcher.group(1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            total = total.plus(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            at = matcher.end();
        }
        if (trimmed.isEmpty() || at != trimmed.length()) {
            throw invalid(text);
        }
        return total;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 60s, 5m or 1h30m");
    }
}
