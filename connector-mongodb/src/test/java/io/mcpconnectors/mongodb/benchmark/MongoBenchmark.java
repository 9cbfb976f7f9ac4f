package io.mcpconnectors.mongodb.benchmark;

import java.nio.file.Path;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

import io.mcpconnectors.common.test.Benchmarks;
import io.mcpconnectors.mongodb.InProcessMongoFixture;

/**
 * Rerunnable benchmark of the MongoDB connector (run by benchmarks/mongodb.sh) against the in-process MongoDB wire
 * server the tests use: a find by _id through the connector over stdio and over HTTP, beside the same find issued
 * through the MongoDB Java driver on the same server (the source's own floor).
 */
public final class MongoBenchmark {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "connector-mongodb/target/quarkus-app/quarkus-run.jar");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String levels = args.length > 4 ? args[4] : "1,8,64";
        MongoCollection<Document> orders = InProcessMongoFixture.client().getDatabase("shop").getCollection("orders");
        Map<String, String> env = Benchmarks.environment(new InProcessMongoFixture().start());
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", MongoDB wire server: mongo-java-server (in process,"
                + " memory backend)");
        Benchmarks.floor("MongoDB driver find({_id: 7}) on the same server", calls, warmup, () -> {
            if (orders.find(new Document("_id", 7)).first() == null) {
                throw new IllegalStateException("order 7 missing");
            }
        });
        String find = "{\"database\":\"shop\",\"collection\":\"orders\",\"filter\":{\"_id\":7}}";
        Benchmarks.stdio(jar, "find", find, calls, warmup, env);
        Benchmarks.http(jar, "find", find, seconds, levels, env);
        System.exit(0);
    }
}
