package io.mcpconnectors.mongodb;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoCommandException;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CompletionRequest;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceEntry;
import io.mcpconnectors.common.spi.ResourceListing;
import io.mcpconnectors.common.spi.ResourcePage;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.mongodb.tools.CollectionIndexesTool;

/** {@code mongodb://{database}/{collection}}: a collection's inferred schema and its indexes, as JSON. */
@ApplicationScoped
public class MongoSchemaResource implements ConnectorResource {

    /** Most collections one listing reads. */
    static final int MAX_LISTED = 10_000;
    /** MongoDB's error code when the user lacks the privilege for a command. */
    private static final int UNAUTHORIZED = 13;

    private final MongoAccess access;
    private final CollectionSchemas schemas;
    private final ObjectMapper json;

    public MongoSchemaResource(MongoAccess access, CollectionSchemas schemas, ObjectMapper json) {
        this.access = access;
        this.schemas = schemas;
        this.json = json;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        return List.of(new ResourceTemplateSpec("collection", "Collection",
                "A collection's schema inferred from a sample of its documents, and its indexes, as JSON.",
                "mongodb://{database}/{collection}", "application/json", true));
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller)
            throws Exception {
        String database = decode(variables.get("database"));
        String collection = decode(variables.get("collection"));
        try (MongoLease mongo = access.lease(caller)) {
            Map<String, Object> body = new LinkedHashMap<>(
                    schemas.infer(mongo, database, collection, schemas.defaultSampleSize()));
            CappedDocuments.Result indexes = CollectionIndexesTool.indexes(mongo, database, collection, limits);
            body.put("indexes", indexes.items());
            return ResourceBody.text("application/json", json.writeValueAsString(body));
        }
    }

    /**
     * The collections of the databases the caller may read, as list_databases and list_collections show them: the
     * server's own list for the caller's credentials, narrowed by the allow and deny lists.
     */
    @Override
    public ResourcePage list(ResourceListing page, CallerIdentity caller) {
        List<ResourceEntry> all = new ArrayList<>();
        try (MongoLease mongo = access.lease(caller)) {
            for (String database : databases(mongo)) {
                for (String collection : collections(mongo, database)) {
                    all.add(new ResourceEntry("mongodb://" + encode(database) + "/" + encode(collection),
                            database + "." + collection, "Collection " + database + "." + collection, null,
                            "application/json", null));
                    if (all.size() >= MAX_LISTED) {
                        return ResourcePage.slice(all, page.position(), page.size());
                    }
                }
            }
        }
        return ResourcePage.slice(all, page.position(), page.size());
    }

    /** Database names, and collection names of the chosen database, that the caller may read. */
    @Override
    public List<String> complete(CompletionRequest request, CallerIdentity caller) {
        try (MongoLease mongo = access.lease(caller)) {
            List<String> names = switch (request.variable()) {
                case "database" -> databases(mongo);
                case "collection" -> {
                    String database = request.context().get("database");
                    if (database != null) {
                        yield mongo.policy().databaseAllowed(database) ? collections(mongo, database) : List.of();
                    }
                    List<String> all = new ArrayList<>();
                    for (String name : databases(mongo)) {
                        all.addAll(collections(mongo, name));
                    }
                    yield all;
                }
                default -> List.of();
            };
            return names.stream().filter(request::matches).distinct().limit(request.limit()).toList();
        }
    }

    private static List<String> databases(MongoLease mongo) {
        List<BsonDocument> all = new ArrayList<>();
        try {
            mongo.client().listDatabases(BsonDocument.class).authorizedDatabasesOnly(true)
                    .maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS).into(all);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("Listing databases", e);
        }
        return all.stream().map(d -> d.getString("name").getValue()).filter(mongo.policy()::databaseAllowed)
                .sorted().toList();
    }

    /**
     * The collections of a database that the policy allows; none when the caller's MongoDB user may not list them
     * (list_collections would refuse that database), which a server that does not narrow listDatabases to the user's
     * databases shows.
     */
    private static List<String> collections(MongoLease mongo, String database) {
        List<BsonDocument> all = new ArrayList<>();
        try {
            mongo.database(database).listCollections(BsonDocument.class)
                    .maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS).into(all);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == UNAUTHORIZED) {
                return List.of();
            }
            throw MongoErrors.toolError("Listing the collections of '" + database + "'", e);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("Listing the collections of '" + database + "'", e);
        }
        return all.stream().map(c -> c.getString("name").getValue())
                .filter(c -> mongo.policy().collectionAllowed(database, c)).sorted().toList();
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
