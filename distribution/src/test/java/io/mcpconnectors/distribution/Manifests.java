package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What every connector deployment must satisfy, checked the way an admission policy would, on the plain manifests
 * and on the Helm chart's output alike.
 */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** The connectors of the suite, the gateway included: the names in connectors.json, sorted. */
    static List<String> connectors() throws IOException {
        return ConnectorEntry.all().stream().map(ConnectorEntry::name).sorted().toList();
    }

    /** A multi-document YAML stream by kind; each kind at most once. */
    static Map<String, JsonNode> byKind(String yaml, String where) throws IOException {
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.has("kind")) {
                    assertNull(byKind.put(doc.get("kind").asText(), doc), where + ": one " + doc.get("kind"));
                }
            }
        }
        return byKind;
    }

    /** The connector container's environment by name. */
    static Map<String, JsonNode> environment(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.at("/env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    /**
     * The hardened shape of one connector's deployment. {@code exposed} is the gateway pattern (a Service, ingress
     * to the connector's port); otherwise the connector is a sidecar nothing outside its pod may reach.
     */
    static void checkHardened(String where, Map<String, JsonNode> byKind, Set<String> documented, boolean exposed) {
        List<String> kinds = new ArrayList<>(List.of("ServiceAccount", "Deployment", "NetworkPolicy"));
        if (exposed) {
            kinds.add("Service");
        } else {
            assertFalse(byKind.containsKey("Service"), where + ": a sidecar connector has no Service");
        }
        for (String kind : kinds) {
            assertTrue(byKind.containsKey(kind), where + " has a " + kind);
        }
        JsonNode deployment = byKind.get("Deployment");
        JsonNode selector = deployment.at("/spec/selector/matchLabels");
        JsonNode pod = deployment.at("/spec/template/spec");
        selector.fields().forEachRemaining(label -> assertEquals(label.getValue(),
                deployment.at("/spec/template/metadata/labels").get(label.getKey()),
                where + ": the pods carry the selected label " + label.getKey()));
        assertEquals(selector, byKind.get("NetworkPolicy").at("/spec/podSelector/matchLabels"),
                where + ": the policy covers the pods");
        assertEquals(byKind.get("ServiceAccount").at("/metadata/name"), pod.at("/serviceAccountName"), where);
        assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true), where + ": no service account token");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), where);

        JsonNode container = pod.at("/containers/0");
        assertEquals("connector", container.at("/name").asText(), where + ": the connector is the first container");
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), where);
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), where);
        assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText(), where);
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), where);
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), where);
        assertFalse(container.at("/resources/requests/cpu").isMissingNode(), where + ": cpu request");
        assertFalse(container.at("/resources/limits/memory").isMissingNode(), where + ": memory limit");

        int port = container.at("/ports/0/containerPort").asInt();
        List<Integer> ingressPorts = new ArrayList<>();
        byKind.get("NetworkPolicy").at("/spec/ingress").forEach(rule -> rule.at("/ports")
                .forEach(p -> ingressPorts.add(p.get("port").asInt())));
        if (exposed) {
            assertEquals(selector, byKind.get("Service").at("/spec/selector"),
                    where + ": the Service selects the pods");
            assertEquals("http", byKind.get("Service").at("/spec/ports/0/targetPort").asText(), where);
            assertEquals(List.of(port), ingressPorts, where + ": only the connector's port is reachable");
            assertFalse(byKind.get("NetworkPolicy").at("/spec/ingress/0/from").isMissingNode(),
                    where + ": ingress only from the gateway");
        } else {
            assertFalse(ingressPorts.contains(port), where + ": nothing outside the pod reaches a sidecar connector");
        }

        // Writable paths are volumes; the read-only root filesystem holds everything else.
        List<String> mounts = new ArrayList<>();
        container.at("/volumeMounts").forEach(m -> mounts.add(m.get("mountPath").asText()));
        assertTrue(mounts.contains("/tmp"), where + ": /tmp is a volume");

        Map<String, JsonNode> env = environment(container);
        assertEquals("http", env.get("CONNECTOR_TRANSPORT").get("value").asText(), where);
        String auth = env.get("CONNECTOR_AUTH_MODE").get("value").asText();
        assertTrue(Set.of("oidc", "static").contains(auth) || !exposed && auth.equals("none"),
                where + ": a connector reachable from the network authenticates its callers");
        if (!auth.equals("none")) {
            assertTrue(env.containsKey("CONNECTOR_HTTP_TLS_CERT_FILE") || env.containsKey(
                    "CONNECTOR_HTTP_TLS_TERMINATED_UPSTREAM"), where + ": tokens never travel over plain HTTP");
        }
        if (exposed && byKind.get("Deployment").at("/spec/replicas").asInt(1) > 1) {
            assertEquals("ClientIP", byKind.get("Service").at("/spec/sessionAffinity").asText(),
                    where + ": each client stays on the replica that holds its session");
        }
        for (Map.Entry<String, JsonNode> variable : env.entrySet()) {
            String name = variable.getKey();
            if (name.equals("JAVA_TOOL_OPTIONS")) {
                continue;
            }
            assertTrue(documented.contains(name) || name.matches("CONNECTOR_AUTH_TOKENS_[A-Z0-9_]+_(SHA256|SCOPES)"),
                    where + ": " + name + " is not a documented setting");
            // A gateway's manifest pins are digests of what an upstream may offer, public by nature.
            if (name.matches(".*(PASSWORD|TOKEN|SECRET|PRIVATE_KEY|SHA256)$") && !name.endsWith("_MANIFEST_SHA256")) {
                assertNotNull(variable.getValue().get("valueFrom"), where + ": " + name + " must come from a Secret");
            }
        }
        String dataDir = env.get("CONNECTOR_DATA_DIR").get("value").asText();
        assertTrue(mounts.contains(dataDir), where + ": the data directory is a volume");
        Map<String, JsonNode> volumes = new HashMap<>();
        pod.at("/volumes").forEach(v -> volumes.put(v.get("name").asText(), v));
        container.at("/volumeMounts").forEach(m -> assertTrue(volumes.containsKey(m.get("name").asText()),
                where + ": the mount " + m.get("name") + " names a volume of the pod"));
    }
}
