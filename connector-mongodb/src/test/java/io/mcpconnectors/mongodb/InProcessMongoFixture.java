package io.mcpconnectors.mongodb;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import io.mcpconnectors.mongodb.AuthenticatingMongoBackend.User;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One in-process MongoDB wire-protocol server (mongo-java-server, memory backend) for the whole test run, seeded
 * with a small shop: {@code shop.customers} (every BSON type the tools must carry), {@code shop.orders} (50
 * documents, 20 of them paid), {@code shop.secrets} (denied by config), a denied {@code hr} database, and
 * {@code crm.tickets} (3 documents). Connections that sign in as one of {@link #USERS} get that user's
 * authorization ({@link AuthenticatingMongoBackend}); others are served without access control.
 */
public class InProcessMongoFixture implements QuarkusTestResourceLifecycleManager {

    public static final ObjectId ADA = new ObjectId("65f0c0ffee0000000000002a");
    public static final Instant ADA_SINCE = Instant.parse("2024-03-01T12:30:00Z");
    /** The server's users: who may use which database. */
    public static final Map<String, User> USERS = Map.of(
            "north_reader", new User("north-Secret-1", Set.of("shop")),
            "south_reader", new User("south-Secret-2", Set.of("crm")),
            "auditor", new User("audit-Secret-3", Set.of("shop", "crm")));

    private static MongoServer server;
    private static AuthenticatingMongoBackend backend;
    private static String connectionString;
    private static String hostAndPort;
    private static MongoClient client;

    public static synchronized MongoClient client() {
        if (server == null) {
            backend = new AuthenticatingMongoBackend(USERS);
            server = new MongoServer(backend);
            InetSocketAddress address = server.bind();
            hostAndPort = "127.0.0.1:" + address.getPort();
            connectionString = "mongodb://" + hostAndPort;
            client = MongoClients.create(connectionString);
            seed(client);
        }
        return client;
    }

    public static String connectionString() {
        client();
        return connectionString;
    }

    /** A connection string that signs in as one of {@link #USERS}, as a credential set's file holds it. */
    public static String connectionStringOf(String user) {
        client();
        return "mongodb://" + user + ":" + USERS.get(user).password() + "@" + hostAndPort
                + "/?authMechanism=PLAIN&authSource=$external";
    }

    /** What the server received, and as whom. */
    public static AuthenticatingMongoBackend backend() {
        client();
        return backend;
    }

    private static void seed(MongoClient client) {
        var customers = client.getDatabase("shop").getCollection("customers");
        customers.insertMany(List.of(
                new Document("_id", ADA).append("name", "Ada").append("email", "ada@example.com")
                        .append("address", new Document("city", "London").append("zip", "N1"))
                        .append("tags", List.of("vip", "early")).append("since", Date.from(ADA_SINCE))
                        .append("balance", Decimal128.parse("1234567890.123456789")).append("vip", true)
                        .append("visits", 9_007_199_254_740_993L)
                        .append("avatar", new Binary(new byte[] { 1, 2, 3 })),
                new Document("_id", new ObjectId()).append("name", "Grace").append("email", "grace@example.com")
                        .append("address", new Document("city", "Arlington").append("zip", "22201"))
                        .append("tags", List.of("navy")).append("vip", false),
                new Document("_id", new ObjectId()).append("name", "Linus").append("email", "linus@example.com")
                        .append("address", new Document("city", "Portland").append("zip", 97201))
                        .append("tags", List.of()).append("vip", false),
                new Document("_id", new ObjectId()).append("name", "Margaret").append("email", null)
                        .append("address", new Document("city", "Boston")).append("vip", false),
                new Document("_id", new ObjectId()).append("name", "Ken").append("vip", false)));
        customers.createIndex(Indexes.ascending("email"));
        List<Document> orders = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            orders.add(new Document("_id", i).append("customer", i % 2 == 0 ? "Ada" : "Grace")
                    .append("status", i <= 20 ? "paid" : "new").append("total", i * 10.5)
                    .append("items", List.of(new Document("sku", "A-" + i).append("qty", i % 3 + 1))));
        }
        client.getDatabase("shop").getCollection("orders").insertMany(orders);
        client.getDatabase("shop").getCollection("orders").createIndex(Indexes.ascending("status"));
        client.getDatabase("shop").getCollection("secrets").insertOne(new Document("key", "do-not-read"));
        client.getDatabase("hr").getCollection("salaries").insertOne(new Document("name", "Ada").append("pay", 1));
        client.getDatabase("crm").getCollection("tickets").insertMany(List.of(new Document("_id", 1).append("title",
                "Printer on fire"), new Document("_id", 2).append("title", "VPN down"),
                new Document("_id", 3).append("title", "New laptop")));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.mongodb.connection-string", connectionString());
        config.put("connector.mongodb.databases.deny", "hr");
        config.put("connector.mongodb.collections.deny", "shop.secrets");
        config.put("connector.limits.max-items", "20");
        return config;
    }

    @Override
    public void stop() {
        // The server lives for the whole run; the JVM's exit stops it.
    }

    /** Documents in a collection, read directly (not through the connector). */
    public static long count(String database, String collection) {
        return client().getDatabase(database).getCollection(collection).countDocuments();
    }

    public static boolean exists(String database, String collection) {
        return client().getDatabase(database).listCollectionNames().into(new ArrayList<>()).contains(collection);
    }
}
