package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The plain Kubernetes manifests in distribution/kubernetes: one per connector, each passing {@link Manifests}'
 * admission checks (non-root, read-only root filesystem, no privilege escalation, no capabilities, no service
 * account token; probes on the health endpoints; resource requests; secrets only by reference; a Service on the
 * container port; a NetworkPolicy for the same pods; only settings the documentation describes).
 */
class KubernetesManifestsTest {

    static final Path DIR = HostConfigExamplesTest.REPO.resolve("distribution/kubernetes");

    @Test
    void everyConnectorHasAHardenedDeploymentServiceAndNetworkPolicy() throws IOException {
        Set<String> documented = HostConfigExamplesTest.documentedEnvironmentNames();
        List<Path> manifests;
        try (Stream<Path> files = Files.list(DIR)) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(Manifests.connectors().stream().map(c -> "connector-" + c + ".yaml").toList(),
                manifests.stream().map(p -> p.getFileName().toString()).toList(), "distribution/kubernetes: one"
                        + " connector-<name>.yaml per entry of connectors.json (a new one: copy connector-github.yaml,"
                        + " change the name, settings, secret and data-source port)");
        for (Path manifest : manifests) {
            String where = manifest.getFileName().toString();
            Manifests.checkHardened(where, Manifests.byKind(Files.readString(manifest), where), documented, true);
        }
    }
}
