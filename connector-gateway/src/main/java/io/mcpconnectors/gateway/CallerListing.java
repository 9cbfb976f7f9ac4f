package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.common.mcp.ResourceRequests;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A caller's {@code resources/list} at the gateway: for each upstream the caller holds a scope of, in the order of
 * their names, the resources of its pinned catalog, then the data it lists for this caller (its tables, collections,
 * files: the resources it marks {@code io.mcpconnectors/listed-data}), asked of the upstream on the session that
 * caller's tool calls use, so with that caller's identity. Each resource is named {@code <upstream>.<name>}, its URI
 * unchanged, as the gateway's catalog names them; a read of a listed URI goes to its upstream through the upstream's
 * resource template, as that caller. A page holds at most {@code connector.limits.list-page-size} resources, however
 * many an upstream's own page holds: it ends where it is full, or after an upstream page that has a next one, and its
 * {@link ListingCursors signed} {@code nextCursor} carries the upstream, that upstream's own cursor and where in that
 * upstream's page to go on. An upstream that cannot list now (it is restarting, it failed)
 * contributes its pinned catalog only, and the gateway's log says why; a cursor the upstream refuses is refused.
 * Listed data whose URI would be read from another upstream (or from none) is left out.
 */
final class CallerListing {

    private static final Logger LOG = Logger.getLogger(CallerListing.class);

    /** How a listing reaches an upstream for a caller. */
    interface Sessions {
        UpstreamSession of(UpstreamSupervisor upstream);
    }

    private final ListingCursors cursors;
    private final KnownSecrets secrets;
    private final int pageSize;
    private final Duration timeout;
    private final Function<String, String> owner;

    /** @param owner the name of the upstream a URI is read from (its resource or template matches it), or null */
    CallerListing(ListingCursors cursors, KnownSecrets secrets, int pageSize, Duration timeout,
            Function<String, String> owner) {
        this.cursors = cursors;
        this.secrets = secrets;
        this.pageSize = pageSize;
        this.timeout = timeout;
        this.owner = owner;
    }

    /**
     * One page.
     *
     * @param served the served upstreams, in listing order
     * @param permitted which of them the caller may see
     * @param caller the caller the cursor is bound to
     * @param cursor the cursor of the previous page, or null
     */
    JsonObject page(List<GatewayRegistry.Served> served, Predicate<String> permitted, SessionPrincipals.Caller caller,
            String cursor, Sessions sessions) {
        List<GatewayRegistry.Served> upstreams = served.stream().filter(s -> permitted.test(s.name())).toList();
        int index = 0;
        String upstreamCursor = null;
        boolean begun = false;
        int offset = 0;
        if (cursor != null) {
            ListingCursors.Position position;
            try {
                position = cursors.position(caller, cursor);
            } catch (ListingCursors.Refused e) {
                throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, e.getMessage());
            }
            index = indexOf(upstreams, position.upstream());
            if (index < 0) {
                throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: the cursor"
                        + " continues the listing of upstream " + position.upstream() + ", which is not served to"
                        + " this caller now. List again without a cursor to start over.");
            }
            upstreamCursor = position.upstreamCursor();
            begun = position.begun();
            offset = position.offset();
        }
        JsonArray listed = new JsonArray();
        String next = null;
        listing: while (index < upstreams.size()) {
            GatewayRegistry.Served upstream = upstreams.get(index);
            if (listed.size() >= pageSize) {
                next = cursors.next(caller, new ListingCursors.Position(upstream.name(), upstreamCursor, begun,
                        offset));
                break;
            }
            if (!begun) {
                List<McpSchema.Resource> pinned = upstream.catalog().resources();
                for (int i = offset; i < pinned.size(); i++) {
                    if (listed.size() >= pageSize) {
                        next = cursors.next(caller, new ListingCursors.Position(upstream.name(), null, false, i));
                        break listing;
                    }
                    listed.add(json(upstream.name(), pinned.get(i)));
                }
                begun = true;
                offset = 0;
                if (listed.size() >= pageSize) {
                    continue;
                }
            }
            McpSchema.ListResourcesResult page = data(upstream, upstreamCursor, upstreamCursor != null || offset > 0,
                    sessions);
            if (page != null && page.resources() != null) {
                int stopped = listData(upstream.name(), page.resources(), offset, pageSize - listed.size(), listed);
                if (stopped >= 0) {
                    // The rest of the upstream's page is asked for again with the next page, from where this one
                    // stopped: nothing is kept between pages.
                    next = cursors.next(caller, new ListingCursors.Position(upstream.name(), upstreamCursor, true,
                            stopped));
                    break;
                }
            }
            if (page != null && page.nextCursor() != null && !page.nextCursor().isEmpty()) {
                next = cursors.next(caller, new ListingCursors.Position(upstream.name(), page.nextCursor(), true, 0));
                break;
            }
            index++;
            upstreamCursor = null;
            begun = false;
            offset = 0;
        }
        JsonObject result = new JsonObject().put("resources", listed);
        if (next != null) {
            result.put("nextCursor", next);
        }
        return result;
    }

    /**
     * One page of what the upstream lists for this caller; null when it cannot list now (said in the log), unless the
     * listing is continuing there, which then fails.
     */
    private McpSchema.ListResourcesResult data(GatewayRegistry.Served upstream, String cursor, boolean continuing,
            Sessions sessions) {
        if (!offersResources(upstream)) {
            return null;
        }
        UpstreamSession session;
        try {
            session = sessions.of(upstream.upstream());
        } catch (UpstreamSupervisor.UnavailableException | Forwarder.RefusedException e) {
            if (continuing) {
                throw new UpstreamRequestError(UpstreamRequestError.INTERNAL_ERROR, e.getMessage());
            }
            LOG.warnf("Listing the data of upstream %s: %s", upstream.name(), e.getMessage());
            return null;
        }
        try {
            return UpstreamRequestError.await(upstream.name(), "resources/list", session.client().listResources(cursor),
                    timeout, secrets);
        } catch (UpstreamRequestError e) {
            if (continuing || e.code == UpstreamRequestError.INVALID_PARAMS) {
                throw e;
            }
            LOG.warnf("Listing the data of upstream %s for a caller failed: %s", upstream.name(), e.getMessage());
            return null;
        }
    }

    /**
     * Adds an upstream's listed data from an entry of its page on, as much as there is room for, but only resources
     * whose URI a read would take to that same upstream: an upstream that lists another upstream's URIs under its own
     * name (a lookalike, a compromised connector) would otherwise present them to the caller as its own. What is left
     * out is said in the log.
     *
     * @return the index in the upstream's page of the first entry there was no room for, or -1 when all fit
     */
    private int listData(String upstream, List<McpSchema.Resource> resources, int from, int room, JsonArray listed) {
        int foreign = 0;
        int stopped = -1;
        int left = room;
        for (int i = from; i < resources.size(); i++) {
            McpSchema.Resource resource = resources.get(i);
            if (!listedData(resource)) {
                continue;
            }
            if (resource.uri() == null || !upstream.equals(owner.apply(resource.uri()))) {
                foreign++;
                continue;
            }
            if (left == 0) {
                stopped = i;
                break;
            }
            listed.add(json(upstream, resource));
            left--;
        }
        if (foreign > 0) {
            LOG.warnf("Upstream %s listed %d resources whose URIs none of its own resources or templates match;"
                    + " they are left out of the listing", upstream, foreign);
        }
        return stopped;
    }

    /** Whether the upstream answers resources/list at all (it declared resources, or offers templates). */
    private static boolean offersResources(GatewayRegistry.Served upstream) {
        return !upstream.catalog().templates().isEmpty() || !upstream.catalog().resources().isEmpty();
    }

    private static boolean listedData(McpSchema.Resource resource) {
        Map<String, Object> meta = resource.meta();
        return meta != null && Boolean.TRUE.equals(meta.get(ResourceRequests.LISTED_DATA));
    }

    private static int indexOf(List<GatewayRegistry.Served> upstreams, String name) {
        for (int i = 0; i < upstreams.size(); i++) {
            if (upstreams.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonObject json(String upstream, McpSchema.Resource resource) {
        JsonObject json = new JsonObject().put("uri", resource.uri()).put("name", upstream + "." + resource.name());
        putIf(json, "title", resource.title());
        putIf(json, "description", resource.description());
        putIf(json, "mimeType", resource.mimeType());
        putIf(json, "size", resource.size());
        if (resource.meta() != null && !resource.meta().isEmpty()) {
            json.put("_meta", new JsonObject(new LinkedHashMap<>(resource.meta())));
        }
        return json;
    }

    private static void putIf(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
