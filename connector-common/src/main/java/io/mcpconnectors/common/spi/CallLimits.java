package io.mcpconnectors.common.spi;

/**
 * The caps that apply to one call.
 *
 * @param maxItems the most items a result may hold
 * @param maxBytes the most bytes of data a result may hold
 */
public record CallLimits(int maxItems, long maxBytes) {

    public static final String MAX_ITEMS_KEY = "connector.limits.max-items";
    public static final String MAX_BYTES_KEY = "connector.limits.max-bytes";

    public Truncation itemsTruncation() {
        return new Truncation(MAX_ITEMS_KEY, maxItems);
    }

    public Truncation bytesTruncation() {
        return new Truncation(MAX_BYTES_KEY, maxBytes);
    }
}
