package io.mcpconnectors.common.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests in distribution/kubernetes, checked the way an admission policy would: one per
 * connector; non-root, read-only root filesystem, no privilege escalation, no capabilities, no service account
 * token; probes on the health endpoints; resource requests; secrets only by reference; a Service on the container
 * port; a NetworkPolicy for the same pods; only settings the documentation describes.
 */
class KubernetesManifestsTest {

    static final Path DIR = HostConfigExamplesTest.REPO.resolve("distribution/kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyConnectorHasAHardenedDeploymentServiceAndNetworkPolicy() throws IOException {
        Set<String> documented = HostConfigExamplesTest.documentedEnvironmentNames();
        List<Path> manifests;
        try (Stream<Path> files = Files.list(DIR)) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> connectors;
        try (Stream<Path> modules = Files.list(HostConfigExamplesTest.REPO)) {
            connectors = modules.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("connector-") && !n.equals("connector-common")).sorted().toList();
        }
        assertEquals(connectors, manifests.stream().map(p -> p.getFileName().toString().replace(".yaml", ""))
                .toList(), "one manifest per connector");
        for (Path manifest : manifests) {
            check(manifest, documented);
        }
    }

    private static void check(Path manifest, Set<String> documented) throws IOException {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifest.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.has("kind")) {
                    byKind.put(doc.get("kind").asText(), doc);
                }
            }
        }
        String where = manifest.getFileName().toString();
        for (String kind : List.of("ServiceAccount", "Deployment", "Service", "NetworkPolicy")) {
            assertTrue(byKind.containsKey(kind), where + " has a " + kind);
        }
        JsonNode pod = byKind.get("Deployment").at("/spec/template/spec");
        assertEquals(byKind.get("Deployment").at("/spec/selector/matchLabels"),
                byKind.get("Service").at("/spec/selector"), where + ": the Service selects the pods");
        byKind.get("Deployment").at("/spec/selector/matchLabels").fields().forEachRemaining(label -> assertEquals(
                label.getValue(), byKind.get("Deployment").at("/spec/template/metadata/labels").get(label.getKey()),
                where + ": the pods carry the selected label " + label.getKey()));
        assertEquals(byKind.get("Deployment").at("/spec/selector/matchLabels"),
                byKind.get("NetworkPolicy").at("/spec/podSelector/matchLabels"), where + ": the policy covers the pods");
        assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true), where + ": no service account token");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), where);

        JsonNode container = pod.at("/containers/0");
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), where);
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), where);
        assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText(), where);
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), where);
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), where);
        assertFalse(container.at("/resources/requests/cpu").isMissingNode(), where + ": cpu request");
        assertFalse(container.at("/resources/limits/memory").isMissingNode(), where + ": memory limit");
        assertEquals("http", byKind.get("Service").at("/spec/ports/0/targetPort").asText(), where);
        assertEquals(container.at("/ports/0/containerPort").asInt(),
                byKind.get("NetworkPolicy").at("/spec/ingress/0/ports/0/port").asInt(), where);

        // Writable paths are volumes; the read-only root filesystem holds everything else.
        List<String> mounts = new ArrayList<>();
        container.at("/volumeMounts").forEach(m -> mounts.add(m.get("mountPath").asText()));
        assertTrue(mounts.contains("/tmp"), where + ": /tmp is a volume");

        Map<String, JsonNode> env = new HashMap<>();
        container.at("/env").forEach(e -> env.put(e.get("name").asText(), e));
        assertEquals("http", env.get("CONNECTOR_TRANSPORT").get("value").asText(), where);
        assertTrue(Set.of("oidc", "static").contains(env.get("CONNECTOR_AUTH_MODE").get("value").asText()),
                where + ": a connector reachable from the network authenticates its callers");
        for (Map.Entry<String, JsonNode> variable : env.entrySet()) {
            String name = variable.getKey();
            if (name.equals("JAVA_TOOL_OPTIONS")) {
                continue;
            }
            assertTrue(documented.contains(name), where + ": " + name + " is not a documented setting");
            if (name.matches(".*(PASSWORD|TOKEN|SECRET|PRIVATE_KEY)$")) {
                assertNotNull(variable.getValue().get("valueFrom"), where + ": " + name + " must come from a Secret");
            }
        }
        String dataDir = env.get("CONNECTOR_DATA_DIR").get("value").asText();
        assertTrue(mounts.contains(dataDir), where + ": the data directory is a volume");
    }
}
