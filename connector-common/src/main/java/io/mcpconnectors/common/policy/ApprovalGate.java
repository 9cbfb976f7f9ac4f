package io.mcpconnectors.common.policy;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.ApprovalMode;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolSpec;

/**
 * The point every WRITE and ADMIN call passes before it runs. This version knows one way through: the admin's
 * explicit opt-out {@code connector.approval.mode=none}. The interactive modes ({@code elicit}, {@code admin})
 * are not available yet, so under them every write is refused rather than run unconfirmed.
 */
@ApplicationScoped
public class ApprovalGate {

    private final ApprovalMode mode;

    public ApprovalGate(ConnectorRuntimeConfig config) {
        this.mode = config.approval().mode();
    }

    /** Throws when the call may not run. */
    public void check(ToolSpec spec) {
        if (!spec.access().changesData() || mode == ApprovalMode.NONE) {
            return;
        }
        throw new ToolCallException("Not run: " + spec.name() + " changes data and needs approval, but approval mode '"
                + mode.name().toLowerCase(java.util.Locale.ROOT) + "' is not available in this version. An admin can"
                + " allow writes without approval by setting connector.approval.mode=none.");
    }

    public ApprovalMode mode() {
        return mode;
    }
}
