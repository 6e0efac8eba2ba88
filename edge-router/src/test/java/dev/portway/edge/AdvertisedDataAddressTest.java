package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdvertisedDataAddressTest {

    @Test
    void addsTheBoundPortToAHost() {
        assertEquals("edge-0.edge.portway.svc:7302", AdvertisedDataAddress.parse("edge-0.edge.portway.svc").withBoundPort(7302));
        assertEquals("10.1.2.3:40001", AdvertisedDataAddress.parse(" 10.1.2.3 ").withBoundPort(40001));
    }

    @Test
    void keepsAConfiguredPort() {
        // e.g. a NodePort mapped in front of the edge's data port
        assertEquals("node-7.example:31302", AdvertisedDataAddress.parse("node-7.example:31302").withBoundPort(7302));
    }

    @Test
    void bracketsIpv6() {
        assertEquals("[fd00::5]:7302", AdvertisedDataAddress.parse("fd00::5").withBoundPort(7302));
        assertEquals("[fd00::5]:7302", AdvertisedDataAddress.parse("[fd00::5]").withBoundPort(7302));
        assertEquals("[fd00::5]:9000", AdvertisedDataAddress.parse("[fd00::5]:9000").withBoundPort(7302));
    }

    @Test
    void refusesWhatAgentsCouldNotDial() {
        for (String bad : new String[] {"", "  ", "host:", "host:99999", "host:abc", "tcp://host"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdvertisedDataAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains(AdvertisedDataAddress.PROPERTY), e.getMessage());
        }
    }
}
