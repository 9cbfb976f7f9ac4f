package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The Helm chart in distribution/helm, rendered by Helm itself ({@code helm template} through helm-java, which
 * bundles the Helm library): every connector's example passes the same admission checks as the plain manifests,
 * the sidecar pattern keeps the connector unreachable from outside its pod, and values a user gets wrong are
 * refused with a message that names the value to change.
 */
class HelmChartTest {

    static final Path HELM = HostConfigExamplesTest.REPO.resolve("distribution/helm");
    static final Path CHART = HELM.resolve("mcp-connector");

    static Set<String> documented;

    @BeforeAll
    static void documentedSettings() throws IOException {
        documented = HostConfigExamplesTest.documentedEnvironmentNames();
    }

    private static TemplateCommand template(String example) {
        return new Helm(CHART).template().withName("mcp-connector-" + example).withNamespace("data")
                .withKubeVersion("1.30.0")
                .withValuesFile(HELM.resolve("examples/" + example + ".yaml"));
    }

    private static Map<String, JsonNode> render(TemplateCommand command, String where) throws IOException {
        return Manifests.byKind(command.call(), where);
    }

    @Test
    void everyConnectorsExampleRendersAHardenedDeployment() throws IOException {
        String readme = Files.readString(CHART.resolve("README.md"));
        for (String connector : Manifests.connectors()) {
            assertTrue(Files.exists(HELM.resolve("examples/" + connector + ".yaml")), "distribution/helm/examples: add "
                    + connector + ".yaml, the values of a release of it (copy github.yaml, change the name and"
                    + " settings), and a line for it in the chart's README (Install)");
            assertTrue(readme.contains("-f distribution/helm/examples/" + connector + ".yaml"), "the chart's README"
                    + " (Install): a helm install line for " + connector + " with its example values");
            Map<String, JsonNode> rendered = render(template(connector), connector);
            Manifests.checkHardened("helm " + connector, rendered, documented, true);
            JsonNode container = rendered.get("Deployment").at("/spec/template/spec/containers/0");
            // The image of the chart's appVersion: the release the chart belongs to.
            assertEquals("registry.example.com/mcp-connectors/connector-" + connector + ":"
                    + ReleaseVersionTest.releaseVersion(), container.at("/image").asText(), connector);
            assertEquals("mcp-connector-" + connector, rendered.get("Deployment").at("/metadata/name").asText());
        }
    }

    @Test
    void postgresExampleSharesTheStoreAndNarrowsEgressToTheDatabase() throws IOException {
        Map<String, JsonNode> rendered = render(template("postgres"), "postgres");
        assertEquals(2, rendered.get("Deployment").at("/spec/replicas").asInt());
        Map<String, JsonNode> env = Manifests.environment(
                rendered.get("Deployment").at("/spec/template/spec/containers/0"));
        assertEquals("postgresql", env.get("CONNECTOR_STORE_KIND").at("/value").asText());
        for (String variable : List.of("CONNECTOR_STORE_JDBC_URL", "CONNECTOR_STORE_USERNAME",
                "CONNECTOR_STORE_PASSWORD")) {
            assertEquals("mcp-connector-postgres-store", env.get(variable).at("/valueFrom/secretKeyRef/name").asText());
        }
        assertEquals("/run/secrets/connector/password", env.get("CONNECTOR_POSTGRES_PASSWORD_FILE").at("/value")
                .asText());
        JsonNode toDatabase = null;
        for (JsonNode rule : rendered.get("NetworkPolicy").at("/spec/egress")) {
            if (rule.has("to")) {
                toDatabase = rule;
            }
        }
        assertEquals("10.20.0.0/24", toDatabase.at("/to/0/ipBlock/cidr").asText());
        assertEquals(5432, toDatabase.at("/ports/0/port").asInt());
    }

    @Test
    void staticTokensComeFromSecretsPerPrincipal() throws IOException {
        Map<String, JsonNode> env = Manifests.environment(render(template("github"), "github").get("Deployment")
                .at("/spec/template/spec/containers/0"));
        assertEquals("static", env.get("CONNECTOR_AUTH_MODE").at("/value").asText());
        assertEquals("mcp-connector-github-tokens",
                env.get("CONNECTOR_AUTH_TOKENS_GATEWAY_SHA256").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("github:read", env.get("CONNECTOR_AUTH_TOKENS_GATEWAY_SCOPES").at("/value").asText());
    }

    @Test
    void filesystemRootsAreMountedReadOnly() throws IOException {
        JsonNode pod = render(template("filesystem"), "filesystem").get("Deployment").at("/spec/template/spec");
        JsonNode mount = null;
        for (JsonNode m : pod.at("/containers/0/volumeMounts")) {
            if (m.get("mountPath").asText().equals("/data/reports")) {
                mount = m;
            }
        }
        assertTrue(mount.get("readOnly").asBoolean());
        JsonNode volume = null;
        for (JsonNode v : pod.at("/volumes")) {
            if (v.get("name").equals(mount.get("name"))) {
                volume = v;
            }
        }
        assertEquals("reports", volume.at("/persistentVolumeClaim/claimName").asText());
        assertTrue(volume.at("/persistentVolumeClaim/readOnly").asBoolean());
    }

    @Test
    void sidecarPatternKeepsTheConnectorInsideThePod() throws IOException {
        Map<String, JsonNode> rendered = render(template("sidecar"), "sidecar");
        Manifests.checkHardened("helm sidecar", rendered, documented, false);
        JsonNode pod = rendered.get("Deployment").at("/spec/template/spec");
        List<String> containers = new ArrayList<>();
        pod.at("/containers").forEach(c -> containers.add(c.get("name").asText()));
        assertEquals(List.of("connector", "agent"), containers);
        Map<String, JsonNode> env = Manifests.environment(pod.at("/containers/0"));
        assertTrue(env.get("CONNECTOR_HTTP_ALLOWED_HOSTS").at("/value").asText().contains("127.0.0.1"));
        List<Integer> ingress = new ArrayList<>();
        rendered.get("NetworkPolicy").at("/spec/ingress").forEach(rule -> rule.at("/ports")
                .forEach(p -> ingress.add(p.get("port").asInt())));
        assertEquals(List.of(9090), ingress, "only the agent's port is open");
    }

    @Test
    void replicasBehindAnIngressKeepEachClientOnOneReplicaAndTlsAtTheIngress() throws IOException {
        Map<String, JsonNode> rendered = render(template("replicas"), "replicas");
        Manifests.checkHardened("helm replicas", rendered, documented, true);
        assertEquals(3, rendered.get("Deployment").at("/spec/replicas").asInt());
        JsonNode ingress = rendered.get("Ingress");
        assertEquals("$remote_addr", ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1upstream-hash-by")
                .asText(), "one replica per client address, known from the first request on");
        assertEquals("off", ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-buffering").asText(),
                "streamed answers are not held back");
        assertEquals("mcp-example-com-tls", ingress.at("/spec/tls/0/secretName").asText());
        assertEquals("mcp.example.com", ingress.at("/spec/rules/0/host").asText());
        assertEquals(rendered.get("Service").at("/metadata/name").asText(),
                ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText());
        assertEquals("ClientIP", rendered.get("Service").at("/spec/sessionAffinity").asText());
        Map<String, JsonNode> env = Manifests.environment(rendered.get("Deployment")
                .at("/spec/template/spec/containers/0"));
        assertEquals("true", env.get("CONNECTOR_HTTP_TLS_TERMINATED_UPSTREAM").at("/value").asText(),
                "TLS ends at the ingress");
        assertTrue(env.get("CONNECTOR_HTTP_ALLOWED_HOSTS").at("/value").asText().contains("mcp.example.com"));
        assertEquals("ingress-nginx", rendered.get("NetworkPolicy")
                .at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText());
    }

    @Test
    void aTlsSecretMakesTheConnectorServeHttpsItself(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("tls.yaml"), "tls: {secretName: mcp-tls, terminatedUpstream: false}");
        Map<String, JsonNode> rendered = render(template("postgres").withValuesFile(values), "postgres tls");
        JsonNode pod = rendered.get("Deployment").at("/spec/template/spec");
        Map<String, JsonNode> env = Manifests.environment(pod.at("/containers/0"));
        assertEquals("/run/secrets/tls/tls.crt", env.get("CONNECTOR_HTTP_TLS_CERT_FILE").at("/value").asText());
        assertEquals("/run/secrets/tls/tls.key", env.get("CONNECTOR_HTTP_TLS_KEY_FILE").at("/value").asText());
        assertFalse(env.containsKey("CONNECTOR_HTTP_TLS_TERMINATED_UPSTREAM"));
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals("HTTPS", pod.at("/containers/0/" + probe + "/httpGet/scheme").asText(), probe);
        }
        boolean mounted = false;
        for (JsonNode volume : pod.at("/volumes")) {
            mounted |= "mcp-tls".equals(volume.at("/secret/secretName").asText());
        }
        assertTrue(mounted, "the TLS Secret is mounted");
    }

    @Test
    void metricsAndTracingAreOptIn() throws IOException {
        JsonNode off = render(template("mongodb"), "mongodb").get("Deployment").at("/spec/template");
        assertTrue(off.at("/metadata/annotations/prometheus.io~1scrape").isMissingNode());
        assertFalse(Manifests.environment(off.at("/spec/containers/0")).containsKey("CONNECTOR_TRACING_ENABLED"));
        assertEquals("false", Manifests.environment(off.at("/spec/containers/0")).get("CONNECTOR_METRICS_ENABLED")
                .at("/value").asText(), "/q/metrics is not served");

        JsonNode on = render(template("mongodb").set("metrics.enabled", true).set("tracing.enabled", true)
                .set("tracing.endpoint", "http://otel-collector:4317"), "mongodb").get("Deployment")
                .at("/spec/template");
        assertEquals("/q/metrics", on.at("/metadata/annotations/prometheus.io~1path").asText());
        Map<String, JsonNode> env = Manifests.environment(on.at("/spec/containers/0"));
        assertEquals("true", env.get("CONNECTOR_TRACING_ENABLED").at("/value").asText());
        assertEquals("true", env.get("CONNECTOR_METRICS_ENABLED").at("/value").asText());
        assertEquals("http://otel-collector:4317", env.get("CONNECTOR_TRACING_ENDPOINT").at("/value").asText());
    }

    @Test
    void valuesAUserGetsWrongAreRefusedNamingTheValue(@TempDir Path dir) throws IOException {
        record Wrong(String example, String override, String expected) {
        }
        List<Wrong> cases = List.of(
                new Wrong("postgres", "connector: oracle", "/connector"),
                new Wrong("postgres", "auth: {mode: none}", "auth.mode: a connector reached through a Service"),
                new Wrong("postgres", "auth: {mode: plain}", "/auth/mode"),
                new Wrong("postgres", "tls: {terminatedUpstream: false}", "tls: tokens never travel over plain HTTP"),
                new Wrong("replicas", "ingress: {host: ''}", "ingress.host"),
                new Wrong("sidecar", "ingress: {enabled: true, host: mcp.example.com}", "ingress.enabled"),
                new Wrong("postgres", "settings: {CONNECTOR_POSTGRES_PASSWORD: hunter2}",
                        "settings.CONNECTOR_POSTGRES_PASSWORD: secrets do not go in settings"),
                new Wrong("postgres", "settings: {postgres_url: x}",
                        "'postgres_url' does not match pattern '^CONNECTOR_"),
                new Wrong("mongodb", "{settings: {CONNECTOR_ACCESS_WRITES: enabled}, replicaCount: 3}",
                        "store.kind=postgresql"),
                new Wrong("postgres", "store: {secretName: ''}", "store.secretName"),
                new Wrong("postgres", "http: {allowedHosts: []}", "http.allowedHosts"),
                new Wrong("salesforce", "auth: {issuer: ''}", "auth.issuer"),
                new Wrong("github", "auth: {mode: oidc}", "auth.issuer"),
                new Wrong("filesystem", "dataVolumes: []", "dataVolumes"),
                new Wrong("sidecar", "sidecar: {containers: []}", "sidecar.containers"),
                new Wrong("postgres", "image: {digest: latest}", "/image/digest"),
                new Wrong("postgres", "secretSettings: {CONNECTOR_POSTGRES_URL: {secretName: db, key: url}}",
                        "settings.CONNECTOR_POSTGRES_URL: set it either in settings or in secretSettings"));
        int n = 0;
        for (Wrong wrong : cases) {
            Path override = Files.writeString(dir.resolve("wrong-" + n++ + ".yaml"), wrong.override());
            TemplateCommand command = template(wrong.example()).withValuesFile(override);
            IllegalStateException refused = assertThrows(IllegalStateException.class, command::call,
                    wrong + " is refused");
            assertTrue(refused.getMessage().contains(wrong.expected()),
                    wrong + " names " + wrong.expected() + ": " + refused.getMessage());
            assertFalse(refused.getMessage().contains("hunter2"), "the refusal does not repeat a secret value");
        }
    }
}
