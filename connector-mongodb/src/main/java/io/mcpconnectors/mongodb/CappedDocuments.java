package io.mcpconnectors.mongodb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoIterable;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.Truncation;

/**
 * Reads a cursor into Extended JSON, stopping at the document and byte caps. The cursor is asked for one
 * document beyond the cap, so {@code truncated} is exact; the server cursor is closed when reading stops.
 */
public final class CappedDocuments {

    /** Documents (or values) in the answer, and which cap cut it short (null when complete). */
    public record Result(List<Object> items, long bytes, Truncation truncation) {
    }

    private final CallLimits limits;
    private final ExtendedJson.Mode mode;
    private final List<Object> items = new ArrayList<>();
    private long bytes;
    private Truncation truncation;

    public CappedDocuments(CallLimits limits, ExtendedJson.Mode mode) {
        this.limits = limits;
        this.mode = mode;
    }

    public static Result read(MongoIterable<BsonDocument> documents, CallLimits limits, ExtendedJson.Mode mode) {
        CappedDocuments capped = new CappedDocuments(limits, mode);
        try (MongoCursor<BsonDocument> cursor = documents.cursor()) {
            while (cursor.hasNext() && capped.add(ExtendedJson.render(cursor.next(), mode))) {
                // reading until the end or a cap
            }
        }
        return capped.result();
    }

    public static Result readValues(Iterable<BsonValue> values, CallLimits limits, ExtendedJson.Mode mode) {
        CappedDocuments capped = new CappedDocuments(limits, mode);
        for (BsonValue value : values) {
            if (!capped.add(ExtendedJson.render(value, mode))) {
                break;
            }
        }
        return capped.result();
    }

    /** Adds one rendered item; false (and nothing added) when a cap is reached. */
    public boolean add(ExtendedJson.Rendered rendered) {
        if (items.size() >= limits.maxItems()) {
            truncation = limits.itemsTruncation();
            return false;
        }
        long size = rendered.json().getBytes(StandardCharsets.UTF_8).length;
        if (bytes + size > limits.maxBytes()) {
            truncation = limits.bytesTruncation();
            return false;
        }
        bytes += size;
        items.add(rendered.tree());
        return true;
    }

    public Result result() {
        return new Result(Collections.unmodifiableList(new ArrayList<>(items)), bytes, truncation);
    }
}
