package dev.portway.edge;

import io.netty.util.NetUtil;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Which local IP serves which pool host: {@code portway.edge.host-bindings} plus a default. */
public final class HostBindings {

    private final Map<String, String> ipByHost;
    private final String defaultIp;

    private HostBindings(Map<String, String> ipByHost, String defaultIp) {
        this.ipByHost = ipByHost;
        this.defaultIp = defaultIp;
    }

    /**
     * @throws IllegalArgumentException if an IP is not a literal: the edge must not depend on DNS to
     *     know where it listens
     */
    public static HostBindings of(Map<String, String> ipByHost, String defaultIp) {
        requireIpLiteral("portway.edge.default-bind-address", defaultIp);
        Map<String, String> normalized = new HashMap<>();
        ipByHost.forEach((host, ip) -> {
            requireIpLiteral("portway.edge.host-bindings.\"" + host + "\"", ip);
            normalized.put(host.toLowerCase(Locale.ROOT), ip.trim());
        });
        return new HostBindings(Map.copyOf(normalized), defaultIp.trim());
    }

    public String ipFor(String host) {
        return ipByHost.getOrDefault(host.toLowerCase(Locale.ROOT), defaultIp);
    }

    public BindAddress bindAddressFor(PublicAddress address) {
        return new BindAddress(ipFor(address.host()), address.port());
    }

    static void requireIpLiteral(String property, String ip) {
        String t = ip == null ? "" : ip.trim();
        if (!NetUtil.isValidIpV4Address(t) && !NetUtil.isValidIpV6Address(t)) {
            throw new IllegalArgumentException(
                    property + " must be an IP address literal (e.g. 127.0.0.1 or 0.0.0.0), got '" + t + "'");
        }
    }
}
