package io.mcpconnectors.mongodb.benchmark;

import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

import io.mcpconnectors.common.test.Benchmarks;
import io.mcpconnectors.mongodb.InProcessMongoFixture;

/**
 * Rerunnable benchmark of the MongoDB connector (run by benchmarks/connector.sh mongodb) against the in-process MongoDB wire
 * server the tests use: a find by _id through the connector over stdio and over HTTP, beside the same find issued
 * through the MongoDB Java driver on the same server (the source's own floor).
 */
public final class MongoBenchmark {

    public static void main(String[] args) throws Exception {
        Benchmarks.Run run = Benchmarks.Run.parse(args, "connector-mongodb/target/quarkus-app-stdio/quarkus-run.jar");
        MongoCollection<Document> orders = InProcessMongoFixture.client().getDatabase("shop").getCollection("orders");
        Map<String, String> env = Benchmarks.environment(new InProcessMongoFixture().start());
        run.describe("MongoDB wire server: mongo-java-server (in process, memory backend)");
        Benchmarks.floor("MongoDB driver find({_id: 7}) on the same server", run.calls(), run.warmup(), () -> {
            if (orders.find(new Document("_id", 7)).first() == null) {
                throw new IllegalStateException("order 7 missing");
            }
        });
        String find = "{\"database\":\"shop\",\"collection\":\"orders\",\"filter\":{\"_id\":7}}";
        run.connector("find", find, env);
        System.exit(0);
    }
}
