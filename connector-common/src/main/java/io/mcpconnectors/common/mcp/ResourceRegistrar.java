package io.mcpconnectors.common.mcp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.audit.AuditRecord;
import io.mcpconnectors.common.audit.AuditRecord.Outcome;
import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.auth.InFlightWork;
import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.identity.IdentityMapping;
import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.common.spi.ToolCallException;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.ResourceTemplateManager;
import io.quarkiverse.mcp.server.ResourceTemplateManager.ResourceTemplateArguments;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkus.runtime.StartupEvent;

/**
 * Registers the connector's resource templates and wraps every read with the timeout, the byte cap and audit.
 */
@ApplicationScoped
public class ResourceRegistrar {

    private static final Logger LOG = Logger.getLogger(ResourceRegistrar.class);

    private final ResourceTemplateManager templates;
    private final Instance<ConnectorResource> resources;
    private final CallExecutor executor;
    private final AuditTrail audit;
    private final Connector connector;
    private final CallLimits limits;
    private final Callers callers;
    private final KnownSecrets secrets;
    private final IdentityMapping identities;
    private final InFlightWork inFlight;

    public ResourceRegistrar(ResourceTemplateManager templates, Instance<ConnectorResource> resources,
            CallExecutor executor, AuditTrail audit, Connector connector, ConnectorRuntimeConfig config,
            Callers callers, KnownSecrets secrets, IdentityMapping identities, InFlightWork inFlight) {
        this.inFlight = inFlight;
        this.identities = identities;
        this.callers = callers;
        this.secrets = secrets;
        this.templates = templates;
        this.resources = resources;
        this.executor = executor;
        this.audit = audit;
        this.connector = connector;
        this.limits = new CallLimits(config.limits().maxItems(), config.limits().maxBytes());
    }

    void onStart(@Observes StartupEvent event) {
        if (AdminCommandMode.skipsRegistration()) {
            return;
        }
        for (ConnectorResource resource : resources) {
            for (ResourceTemplateSpec spec : resource.templates()) {
                templates.newResourceTemplate(spec.name())
                        .setTitle(spec.title())
                        .setDescription(spec.description())
                        .setUriTemplate(spec.uriTemplate())
                        .setMimeType(spec.mimeType())
                        // Over HTTP with callers' limits, a read holds its caller's place in flight until it ends.
                        .setHandler(inFlight.heldWhile(args -> read(resource, spec, args)))
                        .register();
            }
        }
    }

    private ResourceResponse read(ConnectorResource resource, ResourceTemplateSpec spec, ResourceTemplateArguments args) {
        String uri = args.requestUri().value();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        String session = args.connection() == null ? null : args.connection().id();
        SessionPrincipals.Caller caller = callers.caller(session);
        CallerIdentity identity;
        try {
            identity = identities.resolve(caller);
        } catch (ToolCallException e) {
            write(spec, startedAt, start, caller, null, session, uri, Outcome.REFUSED, e.getMessage(), 0);
            throw new McpException(e.getMessage(), JsonRpcErrorCodes.INVALID_REQUEST);
        }
        ResourceBody body;
        try {
            body = executor.run(() -> resource.read(uri, args.args(), limits, identity));
        } catch (ToolCallException e) {
            String message = secrets.scrubMessage(e.getMessage());
            write(spec, startedAt, start, caller, identity, session, uri, Outcome.ERROR, message, 0);
            throw new McpException(message, JsonRpcErrorCodes.RESOURCE_NOT_FOUND);
        } catch (TimeoutException e) {
            String message = "Reading " + uri + " did not finish within connector.limits.timeout.";
            write(spec, startedAt, start, caller, identity, session, uri, Outcome.TIMEOUT, message, 0);
            throw new McpException(message, JsonRpcErrorCodes.INTERNAL_ERROR);
        } catch (Exception e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(secrets.scrub(e), "Reading resource %s failed (reference %s)", uri, reference);
            String message = "Reading the resource failed because of an internal error (reference " + reference + ").";
            write(spec, startedAt, start, caller, identity, session, uri, Outcome.ERROR, message, 0);
            throw new McpException(message, JsonRpcErrorCodes.INTERNAL_ERROR);
        }
        if (body.text() == null && secrets.appearIn(body.bytes())) {
            String message = ToolInvoker.withheld(uri);
            write(spec, startedAt, start, caller, identity, session, uri, Outcome.REFUSED, message, 0);
            throw new McpException(message, JsonRpcErrorCodes.INVALID_REQUEST);
        }
        long bytes = body.text() != null ? body.text().getBytes(StandardCharsets.UTF_8).length : body.bytes().length;
        write(spec, startedAt, start, caller, identity, session, uri, Outcome.OK, null, bytes);
        if (body.text() != null) {
            return new ResourceResponse(new TextResourceContents(uri, secrets.scrub(body.text()), body.mimeType()));
        }
        return new ResourceResponse(
                new BlobResourceContents(uri, Base64.getEncoder().encodeToString(body.bytes()), body.mimeType()));
    }

    private void write(ResourceTemplateSpec spec, Instant startedAt, long start, SessionPrincipals.Caller caller,
            CallerIdentity identity, String session, String uri, Outcome outcome, String message, long bytes) {
        double durationMs = (System.nanoTime() - start) / 1_000_000.0;
        audit.record(new AuditRecord(startedAt.toString(), connector.name(), "resource:" + spec.name(), "READ",
                caller == null ? null : caller.principal(), identity == null ? null : identity.audited(), session,
                Map.of("uri", uri), outcome.label(), message, Math.round(durationMs * 1000) / 1000.0,
                outcome == Outcome.OK ? 1 : 0, bytes, false));
    }
}
