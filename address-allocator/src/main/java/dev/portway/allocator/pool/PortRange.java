package dev.portway.allocator.pool;

/** An inclusive range of TCP ports, e.g. 20000-29999. */
public record PortRange(int min, int max) {

    public static final int MAX_PORT = 65535;

    public PortRange {
        if (min < 1 || max > MAX_PORT || min > max) {
            throw new IllegalArgumentException(
                    "'" + min + "-" + max + "' is not a port range; use MIN-MAX with 1 <= MIN <= MAX <= " + MAX_PORT);
        }
    }

    /** Parses "20000-29999" or a single port "22". */
    public static PortRange parse(String text) {
        String value = text == null ? "" : text.trim();
        int dash = value.indexOf('-');
        try {
            if (dash < 0) {
                int port = Integer.parseInt(value);
                return new PortRange(port, port);
            }
            return new PortRange(Integer.parseInt(value.substring(0, dash).trim()),
                    Integer.parseInt(value.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a port range; use MIN-MAX (e.g. 20000-29999) or a single port");
        }
    }

    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    public int size() {
        return max - min + 1;
    }

    public boolean overlaps(PortRange other) {
        return min <= other.max && other.min <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
