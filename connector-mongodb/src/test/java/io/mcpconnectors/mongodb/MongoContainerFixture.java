package io.mcpconnectors.mongodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Indexes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real MongoDB server in a container, with {@code shop.orders} (5,000 documents, indexed on {@code status}). Init
 * arg {@code mode}: {@code replica-set} (a one-node replica set, no access control) or {@code access-control} (a
 * server with authorization on, where the connector signs in as {@code reader}, a user granted only {@code read} on
 * {@code shop}). Used only where a Docker engine exists.
 */
public class MongoContainerFixture implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE = "mongo:7.0";
    static final String ROOT_PASSWORD = "root-Secret-1";
    static final String READER_PASSWORD = "reader-Secret-2";

    private String mode;
    private GenericContainer<?> container;

    @Override
    public void init(Map<String, String> initArgs) {
        mode = initArgs.getOrDefault("mode", "replica-set");
    }

    @Override
    public Map<String, String> start() {
        String connectionString;
        if (mode.equals("access-control")) {
            container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(27017)
                    .withEnv("MONGO_INITDB_ROOT_USERNAME", "root").withEnv("MONGO_INITDB_ROOT_PASSWORD", ROOT_PASSWORD)
                    // The image starts the server twice: once to create the root user, then for good.
                    .waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 2));
            container.start();
            String address = container.getHost() + ":" + container.getMappedPort(27017);
            try (MongoClient root = MongoClients.create("mongodb://root:" + ROOT_PASSWORD + "@" + address
                    + "/?authSource=admin")) {
                seed(root);
                root.getDatabase("shop").runCommand(new Document("createUser", "reader").append("pwd", READER_PASSWORD)
                        .append("roles", List.of(new Document("role", "read").append("db", "shop"))));
            }
            connectionString = "mongodb://reader:" + READER_PASSWORD + "@" + address + "/shop?authSource=shop";
        } else {
            // A one-node replica set, initiated with the member's address as the server sees it; the connector
            // reaches it through the mapped port with a direct connection.
            container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(27017)
                    .withCommand("--replSet", "rs0", "--bind_ip_all")
                    .waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 1));
            container.start();
            String address = container.getHost() + ":" + container.getMappedPort(27017);
            String direct = "mongodb://" + address + "/?directConnection=true";
            try (MongoClient client = MongoClients.create(direct)) {
                client.getDatabase("admin").runCommand(new Document("replSetInitiate", new Document("_id", "rs0")
                        .append("members", List.of(new Document("_id", 0).append("host", "localhost:27017")))));
                awaitPrimary(client);
                seed(client);
            }
            connectionString = "mongodb://" + address + "/shop?directConnection=true";
        }
        return Map.of("connector.mongodb.connection-string", connectionString);
    }

    private static void awaitPrimary(MongoClient client) {
        for (int attempt = 0; attempt < 300; attempt++) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            if (Boolean.TRUE.equals(hello.getBoolean("isWritablePrimary"))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the replica set elected no primary");
    }

    private static void seed(MongoClient client) {
        List<Document> orders = new ArrayList<>();
        for (int i = 1; i <= 5_000; i++) {
            orders.add(new Document("_id", i).append("customer", i % 2 == 0 ? "Ada" : "Grace")
                    .append("status", i % 5 == 0 ? "paid" : "new").append("total", i * 1.5));
        }
        client.getDatabase("shop").getCollection("orders").insertMany(orders);
        client.getDatabase("shop").getCollection("orders").createIndex(Indexes.ascending("status"));
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
