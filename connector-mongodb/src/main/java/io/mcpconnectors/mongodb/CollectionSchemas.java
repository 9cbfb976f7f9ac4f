package io.mcpconnectors.mongodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.EstimatedDocumentCountOptions;


/** Infers a collection's schema from a random sample ({@code $sample}), for the tool and the resource alike. */
@ApplicationScoped
public class CollectionSchemas {

    private final MongoConnectorConfig.Schema settings;

    public CollectionSchemas(MongoConnectorConfig config) {
        this.settings = config.schema();
    }

    public int defaultSampleSize() {
        return settings.sampleSize();
    }

    public int maxSampleSize() {
        return settings.maxSampleSize();
    }

    public Map<String, Object> infer(MongoLease mongo, String database, String collection, int sampleSize) {
        MongoCollection<BsonDocument> documents = mongo.collection(database, collection)
                .withDocumentClass(BsonDocument.class);
        List<BsonDocument> sample = new ArrayList<>();
        long estimate;
        try {
            estimate = documents.estimatedDocumentCount(
                    new EstimatedDocumentCountOptions().maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS));
            documents.aggregate(List.of(new BsonDocument("$sample", new BsonDocument("size", new BsonInt32(sampleSize)))))
                    .maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS).into(sample);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("Sampling '" + database + "." + collection + "'", e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("database", database);
        result.put("collection", collection);
        result.put("estimated_count", estimate);
        result.putAll(SchemaInference.infer(sample));
        return result;
    }
}
