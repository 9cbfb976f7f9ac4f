package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An HTTP upstream reached over plain HTTP gets the gateway's credentials (assertions, a static token) in the clear;
 * the gateway warns at start unless the upstream is on this machine. A host name is judged by what it is, not by how
 * it starts: {@code 127.attacker.example} is a name anyone can point anywhere, not the loopback network.
 */
class PlainHttpWarningTest {

    @Test
    void loopbackAddressesAreLoopback() {
        assertTrue(GatewaySettings.loopback("127.0.0.1"));
        assertTrue(GatewaySettings.loopback("localhost"));
        assertTrue(GatewaySettings.loopback("[::1]"));
    }

    @Test
    void aHostNameThatMerelyStartsWith127IsNotLoopback() {
        assertFalse(GatewaySettings.loopback("127.attacker.example"));
        assertFalse(GatewaySettings.loopback("127.0.0.1.nip.io"));
    }
}
