package io.mcpconnectors.common.spi;

import java.util.List;

/**
 * One page of a connector's resource listing.
 *
 * @param resources the resources of the page, in a stable order
 * @param next the position where the next page starts (the connector's own count, e.g. entries already listed), or
 *        -1 when this is the last page
 */
public record ResourcePage(List<ResourceEntry> resources, long next) {

    public ResourcePage {
        resources = List.copyOf(resources);
    }

    /** The last page. */
    public static ResourcePage last(List<ResourceEntry> resources) {
        return new ResourcePage(resources, -1);
    }

    /**
     * A page cut from a full, ordered list: the entries from {@code position}, at most {@code size}, and where the
     * next page starts when more follow.
     */
    public static ResourcePage slice(List<ResourceEntry> all, long position, int size) {
        int from = (int) Math.min(position, all.size());
        int to = (int) Math.min((long) from + size, all.size());
        return new ResourcePage(all.subList(from, to), to < all.size() ? to : -1);
    }

    public boolean hasNext() {
        return next >= 0;
    }
}
