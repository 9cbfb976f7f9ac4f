package io.mcpconnectors.common.spi;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Gathers result items until the item cap or the byte cap of the call is reached, so a tool can stop reading as
 * soon as the answer is full and report exactly which limit applied.
 */
public final class CappedCollector {

    private static final ObjectMapper SIZER = new ObjectMapper();

    private final CallLimits limits;
    private final List<Object> items = new ArrayList<>();
    private long bytes;
    private Truncation truncation;

    CappedCollector(CallLimits limits) {
        this.limits = limits;
    }

    /**
     * Adds an item if it fits.
     *
     * @return false when the item did not fit; the collector is then full and marked truncated
     */
    public boolean add(Object item) {
        if (truncation != null) {
            return false;
        }
        if (items.size() >= limits.maxItems()) {
            truncation = limits.itemsTruncation();
            return false;
        }
        long size = sizeOf(item);
        if (bytes + size > limits.maxBytes()) {
            truncation = limits.bytesTruncation();
            return false;
        }
        items.add(item);
        bytes += size + 1;
        return true;
    }

    public boolean full() {
        return truncation != null;
    }

    public List<Object> items() {
        return List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public Truncation truncation() {
        return truncation;
    }

    private static long sizeOf(Object item) {
        try {
            return SIZER.writeValueAsBytes(item).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Result item is not serialisable to JSON", e);
        }
    }
}
