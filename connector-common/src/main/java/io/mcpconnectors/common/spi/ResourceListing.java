package io.mcpconnectors.common.spi;

/**
 * Where a listing page starts and how long it may be.
 *
 * @param position where to start: 0 for the first page, else the {@link ResourcePage#next()} of the page before
 * @param size the most resources the page may hold (the runtime's cap, {@code connector.limits.list-page-size})
 */
public record ResourceListing(long position, int size) {
}
