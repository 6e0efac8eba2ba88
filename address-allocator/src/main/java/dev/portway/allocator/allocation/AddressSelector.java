package dev.portway.allocator.allocation;

/**
 * Names one address: by id, or by host and port (exactly one of the two).
 *
 * @param port a long so that out-of-range values can be refused with a clear message
 */
public record AddressSelector(String id, String host, long port) {

    public static AddressSelector byId(String id) {
        return new AddressSelector(id, null, 0);
    }

    public static AddressSelector byHostPort(String host, long port) {
        return new AddressSelector(null, host, port);
    }

    public boolean isById() {
        return id != null;
    }

    @Override
    public String toString() {
        return isById() ? id : host + ":" + port;
    }
}
