package dev.portway.cli;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Addresses as a plain-text table. */
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
                Table.cell(address.getDescription()),
                Table.time(address.hasCreatedAt(), address.getCreatedAt())
            });
        }
        Table.print(rows, out);
    }
}
