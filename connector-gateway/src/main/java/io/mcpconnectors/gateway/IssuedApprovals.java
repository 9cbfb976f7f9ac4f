package io.mcpconnectors.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.mcpconnectors.common.approval.ApprovalStatusTool;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.spi.ToolAccess;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Which caller each pending approval the gateway relayed belongs to, for upstreams that cannot tell the gateway's
 * callers apart: a spawned connector (every call arrives as the gateway's local account) and an HTTP upstream reached
 * with the gateway's static token or without identity assertions. Such an upstream would let anyone who re-submits an
 * approved call with its {@code approval_id} run it, and answer {@code approval_status} about it to anyone. So the
 * gateway notes the approval id of every pending answer it relays from a write tool of such an upstream, with the
 * caller it went to, and lets a call carrying {@code approval_id} (a write tool, or {@code approval_status}) through
 * only from that caller, at that upstream. Upstreams that receive a per-caller identity assertion bind approvals to
 * the caller themselves and are left alone.
 *
 * <p>
 * What is noted lives in memory only, until the approval's expiry as the upstream stated it (at most the gateway's
 * own {@code connector.approval.expiry}), for at most {@link #MAX_APPROVALS} approvals: an id the gateway forgot (it
 * restarted, the approval expired, too many were pending) is refused like someone else's, and its requester asks again.
 * One caller holds at most {@code connector.gateway.max-approvals-per-caller} of them: past that, its own oldest are
 * forgotten, so a caller who floods an upstream with write requests cannot push other callers' approvals out.
 */
@ApplicationScoped
public class IssuedApprovals {

    /** Most approvals remembered at a time, across all upstreams; beyond it the least used are forgotten. */
    static final int MAX_APPROVALS = 100_000;

    /** The runtime's pending answer ({@link ApprovalGate#PENDING_PREFIX}) names the id to re-submit with. */
    private static final Pattern RESUBMIT = Pattern.compile(ApprovalGate.APPROVAL_ID + "=\"(apr_[a-z0-9]{8,64})\"");

    private final Duration longest;
    private final int perCaller;
    private final Cache<Key, Issued> issued;
    /** Each caller's noted ids, oldest first; an id that expired or was evicted is dropped when the caller adds one. */
    private final Cache<String, LinkedHashSet<Key>> byCaller;

    private record Key(String upstream, String id) {
    }

    private record Issued(String principal, Instant expiresAt) {
    }

    @Inject
    public IssuedApprovals(ConnectorRuntimeConfig config, GatewayConfig gateway) {
        this(config.approval().expiry(), gateway.maxApprovalsPerCaller());
    }

    IssuedApprovals(Duration longest, int perCaller) {
        this.longest = longest;
        this.perCaller = Math.max(1, perCaller);
        this.byCaller = Caffeine.newBuilder().maximumSize(MAX_APPROVALS).expireAfterAccess(longest).build();
        this.issued = Caffeine.newBuilder().maximumSize(MAX_APPROVALS).expireAfter(new Expiry<Key, Issued>() {
            @Override
            public long expireAfterCreate(Key key, Issued value, long currentTime) {
                return Math.max(0, Duration.between(Instant.now(), value.expiresAt()).toNanos());
            }

            @Override
            public long expireAfterUpdate(Key key, Issued value, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(Key key, Issued value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** Whether the gateway binds this upstream's approvals to callers: it cannot tell them apart itself. */
    static boolean guarded(UpstreamSpec upstream) {
        return !upstream.asserts();
    }

    /**
     * Why this call may not go upstream, or null when it may: it carries an {@code approval_id} (on a write or admin
     * tool, or on {@code approval_status}) that was not issued to this caller through this upstream.
     */
    String refusal(UpstreamSpec upstream, String tool, ToolAccess access, Map<String, Object> arguments,
            String principal) {
        if (!guarded(upstream) || !(access.changesData() || ApprovalStatusTool.NAME.equals(tool))) {
            return null;
        }
        Object id = arguments.get(ApprovalGate.APPROVAL_ID);
        if (id == null) {
            return null;
        }
        Issued owner = id instanceof String text ? issued.getIfPresent(new Key(upstream.name(), text)) : null;
        if (owner != null && owner.principal().equals(principal) && owner.expiresAt().isAfter(Instant.now())) {
            return null;
        }
        return "Refused: this approval_id was not issued to you through the gateway's upstream " + upstream.name()
                + ". An approval can be used and looked up only by the caller whose call requested it, through the"
                + " gateway that relayed it (approvals requested before a restart of the gateway, or that have"
                + " expired, are not known to it). Nothing was run. Submit the call without approval_id to request"
                + " an approval of your own.";
    }

    /**
     * Notes the approval a write tool's answer says is pending for this caller. Only the runtime's pending answer
     * counts: not an error, text starting {@code NOT RUN YET} that asks for a re-submission with the id, and, when the
     * answer has structured content, an {@code approval} object with the same id. An id already noted keeps its
     * caller.
     */
    void remember(UpstreamSpec upstream, ToolAccess access, String principal, McpSchema.CallToolResult result) {
        if (!guarded(upstream) || !access.changesData() || principal == null || result == null
                || Boolean.TRUE.equals(result.isError()) || result.content() == null || result.content().isEmpty()
                || !(result.content().get(0) instanceof McpSchema.TextContent text) || text.text() == null
                || !text.text().startsWith(ApprovalGate.PENDING_PREFIX)) {
            return;
        }
        Matcher named = RESUBMIT.matcher(text.text());
        if (!named.find()) {
            return;
        }
        String id = named.group(1);
        Instant expiresAt = null;
        if (result.structuredContent() != null) {
            if (!(result.structuredContent() instanceof Map<?, ?> structured)
                    || !(structured.get("approval") instanceof Map<?, ?> approval)
                    || !id.equals(approval.get("id"))) {
                return;
            }
            expiresAt = instant(approval.get("expires_at"));
        }
        Instant latest = Instant.now().plus(longest);
        if (expiresAt == null || expiresAt.isAfter(latest)) {
            expiresAt = latest;
        }
        note(new Key(upstream.name(), id), new Issued(principal, expiresAt));
    }

    /** Notes an id for its caller, forgetting that caller's oldest ones beyond its share. */
    private synchronized void note(Key key, Issued owner) {
        if (issued.asMap().putIfAbsent(key, owner) != null) {
            return;
        }
        LinkedHashSet<Key> mine = byCaller.get(owner.principal(), p -> new LinkedHashSet<>());
        // Looked up quietly: counting these as uses would make a flooding caller's ids the last to be evicted.
        mine.removeIf(noted -> issued.policy().getIfPresentQuietly(noted) == null);
        mine.add(key);
        Iterator<Key> oldest = mine.iterator();
        while (mine.size() > perCaller) {
            issued.invalidate(oldest.next());
            oldest.remove();
        }
    }

    private static Instant instant(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
