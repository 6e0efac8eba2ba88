package dev.portway.policy;

import dev.portway.policy.internal.Cidr;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    private static boolean contains(String cidr, String ip) {
        return Cidr.parse(cidr).contains(Cidr.ipBytes(ip).orElseThrow());
    }

    @Test
    void shouldMatchIpv4AndIpv6Networks() {
        assertTrue(contains("10.0.0.0/8", "10.255.1.2"));
        assertFalse(contains("10.0.0.0/8", "11.0.0.1"));
        assertTrue(contains("192.168.1.128/25", "192.168.1.200"));
        assertFalse(contains("192.168.1.128/25", "192.168.1.127"));
        assertTrue(contains("2001:db8::/32", "2001:db8:1234::1"));
        assertFalse(contains("2001:db8::/32", "2001:db9::1"));
        assertTrue(contains("0.0.0.0/0", "203.0.113.9"));
        assertTrue(contains("::/0", "::1"));
    }

    @Test
    void shouldTreatBareAddressesAsSingleHostsAndMappedAddressesAsIpv4() {
        assertTrue(contains("203.0.113.9", "203.0.113.9"));
        assertFalse(contains("203.0.113.9", "203.0.113.10"));
        assertTrue(contains("10.0.0.0/8", "::ffff:10.1.1.1"));
        assertFalse(contains("::/0", "10.1.1.1"));
    }

    @Test
    void shouldIgnoreHostBitsOfTheNetwork() {
        assertTrue(contains("10.1.2.3/8", "10.200.0.1"));
    }

    @Test
    void shouldRefuseWhatIsNotACidrWithoutResolvingNames() {
        assertEquals("'localhost/8' is not a CIDR: 'localhost' is not an IPv4 or IPv6 address; write e.g. 10.0.0.0/8"
                + " or 2001:db8::/32", assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/8"))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/-1"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(""));
    }
}
