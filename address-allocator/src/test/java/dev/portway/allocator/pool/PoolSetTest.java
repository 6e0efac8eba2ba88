package dev.portway.allocator.pool;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolSetTest {

    @Test
    void shouldParseRangeAndSinglePort() {
        // Given / When
        PortRange range = PortRange.parse("20000-29999");
        PortRange single = PortRange.parse(" 22 ");

        // Then
        assertEquals(new PortRange(20000, 29999), range);
        assertEquals(10000, range.size());
        assertEquals(new PortRange(22, 22), single);
        assertEquals("22", single.toString());
    }

    @Test
    void shouldRefuseRangesThatAreNotPortRanges() {
        for (String bad : List.of("30000-20000", "0-10", "1-65536", "abc", "", "10-", "-10")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortRange.parse(bad),
                    "should refuse '" + bad + "'");
            assertTrue(e.getMessage().contains("not a port range"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseOverlappingRangesOfTheSameHost() {
        // Given
        List<Pool> pools = List.of(new Pool("a.example", new PortRange(100, 200)),
                new Pool("a.example", new PortRange(200, 300)));

        // When
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PoolSet(pools));

        // Then
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void shouldAllowTheSamePortsOnDifferentHosts() {
        // Given
        PoolSet pools = new PoolSet(List.of(new Pool("a.example", new PortRange(100, 200)),
                new Pool("b.example", new PortRange(100, 200))));

        // When / Then
        assertEquals(List.of("a.example", "b.example"), pools.hosts());
        assertEquals(2, pools.poolsContaining(150).size());
        assertTrue(pools.poolFor("b.example", 100).isPresent());
        assertFalse(pools.poolFor("b.example", 99).isPresent());
    }

    @Test
    void shouldKeepSeveralDisjointRangesOfOneHost() {
        // Given
        PoolSet pools = new PoolSet(List.of(new Pool("a.example", new PortRange(100, 109)),
                new Pool("a.example", new PortRange(200, 209))));

        // Then
        assertEquals(List.of("a.example"), pools.hosts());
        assertEquals(2, pools.poolsOf("a.example").size());
        assertTrue(pools.poolFor("a.example", 205).isPresent());
        assertFalse(pools.poolFor("a.example", 150).isPresent());
    }

    @Test
    void shouldRefusePoolHostThatIsNotADnsName() {
        assertThrows(IllegalArgumentException.class,
                () -> new PoolSet(List.of(new Pool("bad_host!", new PortRange(1, 2)))));
    }

    @Test
    void shouldRecognizeDnsNames() {
        for (String good : List.of("localhost", "1.tcp.portway.local", "a-b.example", "x", "127.0.0.1")) {
            assertTrue(HostNames.isDnsName(good), good);
        }
        for (String bad : List.of("", "-a.example", "a-.example", "a..b", "a.", ".a", "under_score.example",
                "a b", "a".repeat(64) + ".example", "b.".repeat(127) + "com")) {
            assertFalse(HostNames.isDnsName(bad), bad);
        }
        assertEquals("mixed.case.example", HostNames.normalize(" Mixed.CASE.example "));
    }
}
