package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What a spawned connector's process is started with: of the gateway's environment only what a process and the
 * launcher need, whatever else it holds and however it is spelled; then the upstream's own entries.
 */
class SpawnedConnectorEnvironmentTest {

    @Test
    void aSpawnedConnectorGetsOnlyTheAllowedVariablesAndItsOwn() {
        Map<String, String> gateways = Map.of("PATH", "/usr/bin", "HOME", "/home/gw", "LC_ALL", "C.UTF-8",
                "JAVA_HOME", "/opt/jdk", "CONNECTOR_JAVA", "/opt/jdk/bin/java",
                "CONNECTOR_AUTH_TOKENS_ALICE_SHA256", "secret", "connector.access.writes", "enabled",
                "QUARKUS_OIDC_CREDENTIALS_SECRET", "secret", "Connector_Access_Writes", "enabled",
                "AWS_SECRET_ACCESS_KEY", "secret");
        Map<String, String> environment = ChildProcessTransport.environment(gateways,
                Map.of("CONNECTOR_FILESYSTEM_ROOTS", "/srv/reports", "PATH", "/opt/fs/bin"));
        assertEquals(Map.of("PATH", "/opt/fs/bin", "HOME", "/home/gw", "LC_ALL", "C.UTF-8", "JAVA_HOME", "/opt/jdk",
                "CONNECTOR_JAVA", "/opt/jdk/bin/java", "CONNECTOR_FILESYSTEM_ROOTS", "/srv/reports"), environment);
    }

    @Test
    void aRelativeProgramIsFoundFromTheGatewaysDirectoryNotTheConnectors() {
        List<String> command = ChildProcessTransport.program(List.of("bin/connector", "filesystem"));
        assertEquals(Path.of("bin/connector").toAbsolutePath().normalize().toString(), command.get(0));
        assertEquals("filesystem", command.get(1));
        assertEquals(List.of("java", "-jar", "fs.jar"), ChildProcessTransport.program(List.of("java", "-jar",
                "fs.jar")), "a program looked up on the PATH stays as it is");
        assertTrue(Path.of(ChildProcessTransport.program(List.of("/usr/bin/java")).get(0)).isAbsolute());
    }
}
