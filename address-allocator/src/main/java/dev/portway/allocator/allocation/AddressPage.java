package dev.portway.allocator.allocation;

import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.HostPort;

import java.util.List;

/**
 * One page of an account's addresses.
 *
 * @param next where the following page starts (exclusive), or null when this was the last page
 */
public record AddressPage(List<AddressRecord> addresses, HostPort next) {
}
