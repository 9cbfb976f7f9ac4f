package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;

import io.mcpconnectors.common.paging.PageCursors;
import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.mongodb.CappedDocuments;
import io.mcpconnectors.mongodb.ExtendedJson;
import io.mcpconnectors.mongodb.MongoGuard;

/** Arguments and result shapes the MongoDB tools share. */
final class MongoArgs {

    static final Arg<String> DATABASE = Arg.string("database", "database name (see list_databases)").required();
    static final Arg<String> COLLECTION = Arg.string("collection", "collection name (see list_collections)")
            .required();
    /** A query filter: field conditions, and the logical operators as arrays of filters. */
    static final ArgSchema FILTER_SCHEMA = filterSchema();
    static final Arg<Map<String, Object>> FILTER = Arg.object("filter", "query filter in MongoDB Extended JSON,"
            + " e.g. {\"status\": \"A\", \"qty\": {\"$lt\": 30}, \"_id\": {\"$oid\": \"65f0c0ffee0000000000002a\"}}"
            + " (default: all documents)").shaped(FILTER_SCHEMA);
    /** The filter of a multi-document write: required, of the same shape as a query filter. */
    static final Arg<Map<String, Object>> WRITE_FILTER = Arg.object("filter", "which documents, in MongoDB"
            + " Extended JSON ({} with confirm_all: true for every document)").required().shaped(FILTER_SCHEMA);
    static final Arg<String> JSON_MODE = Arg.string("json_mode",
            "relaxed (default) or canonical MongoDB Extended JSON for the returned documents");

    static final Map<String, Object> DOCUMENTS_OUTPUT = properties(
            "documents", arrayOf(Map.of("type", "object"), "documents in MongoDB Extended JSON"),
            "count", integer("documents returned"));

    /** find and aggregate: the documents of one page, and the cursor of the next when there is one. */
    static final Map<String, Object> PAGED_DOCUMENTS_OUTPUT = paged();

    private MongoArgs() {
    }

    private static ArgSchema filterSchema() {
        ArgSchema filter = ArgSchema.object();
        for (String operator : List.of("$and", "$or", "$nor")) {
            filter = filter.withProperty(operator, ArgSchema.arrayOf(ArgSchema.object()).withSize(1, null)
                    .describedAs("filters, at least one"), false);
        }
        return filter;
    }

    static String database(ToolCall call) {
        return call.get(DATABASE);
    }

    static String collection(ToolCall call) {
        return call.get(COLLECTION);
    }

    /** A query-shaped object argument (filter, projection, sort), checked by the read-only guard. */
    static BsonDocument query(ToolCall call, Arg<Map<String, Object>> argument) {
        BsonDocument query = ExtendedJson.document(call.get(argument), argument.name());
        MongoGuard.checkQuery(query, argument.name());
        return query;
    }

    static ExtendedJson.Mode mode(ToolCall call) {
        return ExtendedJson.Mode.of(call.get(JSON_MODE));
    }

    private static Map<String, Object> paged() {
        Map<String, Object> properties = new LinkedHashMap<>(DOCUMENTS_OUTPUT);
        properties.put(PageCursors.NEXT, PageCursors.NEXT_CURSOR);
        return properties;
    }

    static ToolResult documents(CappedDocuments.Result result) {
        return documents(result, null);
    }

    /** The documents, with {@code next_cursor} when given (the key is left out otherwise, never null). */
    static ToolResult documents(CappedDocuments.Result result, String nextCursor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("documents", result.items());
        data.put("count", result.items().size());
        if (nextCursor != null) {
            data.put(PageCursors.NEXT, nextCursor);
        }
        return ToolResult.of(data, result.items().size(), result.truncation());
    }

    /**
     * The cursor that continues a page that ended at {@code position}: only when a cap cut the page and the page moved
     * forward (a single document larger than the byte cap would otherwise send the caller round in circles).
     */
    static String nextCursor(PageCursors cursors, String tool, ToolCall call, CappedDocuments.Result result,
            long start) {
        if (result.truncation() == null || result.items().isEmpty()) {
            return null;
        }
        return cursors.next(tool, call, start + result.items().size());
    }

    static ToolResult single(String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, value);
        return ToolResult.of(data, 1);
    }
}
