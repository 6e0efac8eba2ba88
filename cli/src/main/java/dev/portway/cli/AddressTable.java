package dev.portway.cli;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Addresses as a plain-text table, columns padded to their widest cell. */
final class AddressTable {

    private static final String[] HEADER = {"ID", "URL", "KIND", "DESCRIPTION", "CREATED"};

    private AddressTable() {}

    static String url(Address address) {
        String host = address.getHost().contains(":") ? "[" + address.getHost() + "]" : address.getHost();
        return "tcp://" + host + ":" + address.getPort();
    }

    static String kind(AddressKind kind) {
        return switch (kind) {
            case ADDRESS_KIND_RESERVED -> "reserved";
            case ADDRESS_KIND_EPHEMERAL -> "ephemeral";
            default -> "-";
        };
    }

    static void print(List<Address> addresses, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Address address : addresses) {
            rows.add(new String[] {
                address.getId(),
                url(address),
                kind(address.getKind()),
                address.getDescription().isEmpty() ? "-" : oneLine(address.getDescription()),
                address.hasCreatedAt()
                        ? Instant.ofEpochSecond(address.getCreatedAt().getSeconds()).truncatedTo(ChronoUnit.SECONDS)
                                .toString()
                        : "-"
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
