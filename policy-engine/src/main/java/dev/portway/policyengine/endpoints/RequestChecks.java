package dev.portway.policyengine.endpoints;

import dev.portway.service.grpc.UserText;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field checks shared by the requests (the allocator's limits); each failure names the field and what to do. */
public final class RequestChecks {

    public static final int MAX_DESCRIPTION = 256;
    public static final int MAX_METADATA_ENTRIES = 16;
    public static final int MAX_METADATA_KEY = 63;
    public static final int MAX_METADATA_VALUE = 256;
    private static final Pattern TCP_URL = Pattern.compile("tcp://([A-Za-z0-9.-]{1,253}):(\\d{1,5})");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private RequestChecks() {
    }

    /** A parsed {@code tcp://host:port}, host in lower case. */
    public record TcpUrl(String host, int port) {
        @Override
        public String toString() {
            return "tcp://" + host + ":" + port;
        }
    }

    public static TcpUrl tcpUrl(String field, String url) {
        String text = url == null ? "" : url.trim();
        if (text.isEmpty()) {
            throw EngineException.invalid(field + " is required: the tcp://host:port of an address your account"
                    + " reserved (portway addresses reserve)");
        }
        Matcher matcher = TCP_URL.matcher(text);
        String host = matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : "";
        if (!matcher.matches() || !DNS_NAME.matcher(host).matches()) {
            throw EngineException.invalid(field + " " + echo(url) + " is not tcp://host:port; use the URL of an"
                    + " address your account reserved, e.g. tcp://1.tcp.example.com:20001");
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65535) {
            throw EngineException.invalid(field + " " + echo(url) + ": port " + port
                    + " is not a TCP port; use 1-65535");
        }
        if (host.endsWith(".internal")) {
            throw EngineException.invalid(field + " " + echo(url) + " is an internal URL; a cloud endpoint takes"
                    + " a public address your account reserved");
        }
        return new TcpUrl(host, port);
    }

    public static void checkDescription(String description) {
        int length = length(description);
        if (length > MAX_DESCRIPTION) {
            throw EngineException.invalid("description is " + length + " characters long; at most "
                    + MAX_DESCRIPTION + " are allowed: shorten it");
        }
    }

    public static void checkMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw EngineException.invalid("metadata has " + metadata.size() + " entries; at most "
                    + MAX_METADATA_ENTRIES + " are allowed: drop some");
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.isBlank()) {
                throw EngineException.invalid("metadata key must not be empty: give every entry a name");
            }
            if (length(key) > MAX_METADATA_KEY) {
                throw EngineException.invalid("metadata key " + echo(key) + " is " + length(key)
                        + " characters long; keys may have at most " + MAX_METADATA_KEY + ": shorten it");
            }
            if (length(entry.getValue()) > MAX_METADATA_VALUE) {
                throw EngineException.invalid("metadata value of key " + echo(key) + " is "
                        + length(entry.getValue()) + " characters long; values may have at most "
                        + MAX_METADATA_VALUE + ": shorten it");
            }
        }
    }

    public static String requiredId(String field, String id) {
        String text = id == null ? "" : id.trim();
        if (text.isEmpty()) {
            throw EngineException.invalid(field + " is required: the cep_... id of the cloud endpoint");
        }
        return text;
    }

    /** User text quoted for a message, cut to a sane length. */
    public static String echo(String text) {
        return UserText.echo(text);
    }

    private static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }
}
