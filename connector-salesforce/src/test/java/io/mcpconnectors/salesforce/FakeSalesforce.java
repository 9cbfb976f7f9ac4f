package io.mcpconnectors.salesforce;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpconnectors.saas.test.RecordingApi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local stand-in for a Salesforce org (MockWebServer) answering with payloads shaped like the REST API's:
 * the token endpoint, describeGlobal, describe, query with nextRecordsUrl pages, queryAll, search, records, limits,
 * and error bodies (MALFORMED_QUERY, INVALID_TYPE, INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED, 503). It records
 * every request so tests can check what the connector sent.
 *
 * <p>
 * For the JWT bearer flow (init argument {@code flow=jwt-bearer}) it signs in as the assertion's subject: it
 * records each assertion, refuses a user the connected app does not pre-authorize ({@value #NOT_PRE_AUTHORIZED}) the
 * way Salesforce does, remembers which user each token was issued to, and answers as that user: a user's sharing
 * decides which accounts a query returns, and its field-level security which fields a describe shows.
 */
public class FakeSalesforce implements QuarkusTestResourceLifecycleManager {

    public static final String V = "/services/data/v62.0";
    public static final String CLIENT_SECRET = "cs-Very-Secret-1";
    public static final String ACCOUNT_ID = "001xx000003DGb2AAG";
    public static final String INTEGRATION_USER = "integration@acme.com";
    /** A user of the org the connected app's policy does not pre-authorize. */
    public static final String NOT_PRE_AUTHORIZED = "mallory@acme.com";
    /** Accounts each user's sharing rules let it see (the integration user sees all). */
    static final Map<String, Set<String>> SHARING = Map.of("alice@acme.com", Set.of("Acme"),
            "bob@acme.com", Set.of("Globex"));
    /** Account fields each user's field-level security hides. */
    static final Map<String, Set<String>> HIDDEN_FIELDS = Map.of("bob@acme.com", Set.of("Tier__c"));
    /** Objects each user's profile gives no access to, which describeGlobal leaves out for that user. */
    static final Map<String, Set<String>> HIDDEN_OBJECTS = Map.of("bob@acme.com", Set.of("Invoice__c"));

    static final RecordingApi api = new RecordingApi(FakeSalesforce::answer);
    static final AtomicInteger tokensIssued = new AtomicInteger();
    static final AtomicInteger apiCalls = new AtomicInteger();
    /** Tokens the org no longer accepts (expired sessions). */
    static final List<String> revoked = new CopyOnWriteArrayList<>();
    /** The next this-many API answers are 503 / REQUEST_LIMIT_EXCEEDED. */
    static final AtomicInteger unavailable = new AtomicInteger();
    static final AtomicInteger limitExceeded = new AtomicInteger();
    /** When set, the token endpoint refuses every grant, quoting the client secret it was sent. */
    static volatile boolean tokenEndpointEchoes;
    /** The JWT bearer assertions received, in order. */
    static final List<String> assertions = new CopyOnWriteArrayList<>();
    /** Each access token issued by the JWT bearer flow, to the user (the assertion's subject) it was issued to. */
    static final Map<String, String> tokenUsers = new ConcurrentHashMap<>();
    /** Users whose pre-authorization an admin has since withdrawn. */
    static final Set<String> unapproved = ConcurrentHashMap.newKeySet();

    private String flow = "client-credentials";

    @Override
    public void init(Map<String, String> initArgs) {
        flow = initArgs.getOrDefault("flow", flow);
    }

    public static String url() {
        return api.url("/").replaceAll("/$", "");
    }

    public static String currentToken() {
        return "00Dxx0000000001!token-" + tokensIssued.get();
    }

    public static List<RecordedRequest> requests() {
        return api.requests();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.salesforce.login-url", url());
        config.put("connector.salesforce.auth.flow", flow);
        config.put("connector.salesforce.auth.client-id", "3MVG9-consumer-key");
        if (flow.equals("jwt-bearer")) {
            config.put("connector.salesforce.auth.username", INTEGRATION_USER);
            config.put("connector.salesforce.auth.private-key-file", ConnectedAppKey.file().toString());
        } else {
            config.put("connector.salesforce.auth.client-secret", CLIENT_SECRET);
        }
        config.put("connector.salesforce.http.retry-delay", "10ms");
        config.put("connector.limits.max-items", "8");
        return config;
    }

    @Override
    public void stop() {
        // One org for the whole run.
    }

    static MockResponse answer(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        String path = url.encodedPath();
        if (path.equals("/services/oauth2/token")) {
            String body = request.getBody().clone().readUtf8();
            if (tokenEndpointEchoes) {
                return json(400, new JsonObject().put("error", "invalid_client").put("error_description",
                        "client secret " + CLIENT_SECRET + " (sent as " + body + ") is not valid"));
            }
            if (body.contains("client_secret=wrong")) {
                return json(400, new JsonObject().put("error", "invalid_client")
                        .put("error_description", "invalid client credentials"));
            }
            String user = null;
            HttpUrl form = HttpUrl.get("http://form/?" + body);
            if ("urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.queryParameter("grant_type"))) {
                String assertion = form.queryParameter("assertion");
                assertions.add(assertion);
                user = subject(assertion);
                if (NOT_PRE_AUTHORIZED.equals(user) || unapproved.contains(user)) {
                    return json(400, new JsonObject().put("error", "invalid_grant")
                            .put("error_description", "user hasn't approved this consumer"));
                }
            }
            tokensIssued.incrementAndGet();
            if (user != null) {
                tokenUsers.put(currentToken(), user);
            }
            return json(200, new JsonObject().put("access_token", currentToken()).put("instance_url", api.url("/")
                    .toString()).put("token_type", "Bearer").put("issued_at", "1732440000000"));
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || revoked.contains(auth.substring(7))) {
            return json(401, new JsonArray().add(error("INVALID_SESSION_ID", "Session expired or invalid")));
        }
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse().setResponseCode(503).setBody("Service Unavailable");
        }
        if (limitExceeded.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(403, new JsonArray().add(error("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")));
        }
        MockResponse response = route(request, url, path);
        return response.addHeader("Sforce-Limit-Info", "api-usage=" + (100 + apiCalls.incrementAndGet()) + "/15000");
    }

    /** The {@code sub} claim of a JWT (its signature is checked by the tests that care). */
    static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonObject(payload).getString("sub");
    }

    /** The user the request's token was issued to by the JWT bearer flow; null for other tokens. */
    static String userOf(RecordedRequest request) {
        String auth = request.getHeader("Authorization");
        return auth == null || !auth.startsWith("Bearer ") ? null : tokenUsers.get(auth.substring(7));
    }

    private static MockResponse route(RecordedRequest request, HttpUrl url, String path) {
        String method = request.getMethod();
        String user = userOf(request);
        if (path.equals(V + "/sobjects") && method.equals("GET")) {
            JsonArray all = new JsonArray().add(sobject("Account", "Account", false, true))
                    .add(sobject("Contact", "Contact", false, true))
                    .add(sobject("Opportunity", "Opportunity", false, true))
                    .add(sobject("Case", "Case", false, true))
                    .add(sobject("ApexTestQueueItem", "Apex Test Queue Item", false, false))
                    .add(sobject("Invoice__c", "Invoice", true, true));
            Set<String> hidden = user == null ? Set.of() : HIDDEN_OBJECTS.getOrDefault(user, Set.of());
            JsonArray sobjects = new JsonArray();
            for (int i = 0; i < all.size(); i++) {
                if (!hidden.contains(all.getJsonObject(i).getString("name"))) {
                    sobjects.add(all.getJsonObject(i));
                }
            }
            return json(200, new JsonObject().put("encoding", "UTF-8").put("maxBatchSize", 200).put("sobjects",
                    sobjects));
        }
        if (path.equals(V + "/sobjects/Account/describe")) {
            JsonObject describe = accountDescribe();
            Set<String> hidden = user == null ? Set.of() : HIDDEN_FIELDS.getOrDefault(user, Set.of());
            JsonArray visible = new JsonArray();
            describe.getJsonArray("fields").stream().map(JsonObject.class::cast)
                    .filter(f -> !hidden.contains(f.getString("name"))).forEach(visible::add);
            return json(200, describe.put("fields", visible));
        }
        if (path.equals(V + "/sobjects/Nope/describe")) {
            return json(404, new JsonArray().add(error("NOT_FOUND", "The requested resource does not exist")));
        }
        if (path.equals(V + "/query") || path.equals(V + "/queryAll")) {
            String q = url.queryParameter("q");
            if (q.startsWith("SELEC ") || q.contains("FORM")) {
                return json(400, new JsonArray().add(error("MALFORMED_QUERY",
                        "unexpected token: 'FORM'")));
            }
            if (q.contains("FROM EchoSession")) {
                // An org behind a gateway that quotes the session it refuses: bare, and as the header.
                String token = request.getHeader("Authorization").substring("Bearer ".length());
                return json(400, new JsonArray().add(error("INVALID_QUERY_FILTER_OPERATOR", "session " + token
                        + " may not query EchoSession (Authorization: Bearer " + token + ")")));
            }
            if (q.contains("FROM Nope")) {
                return json(400, new JsonArray().add(error("INVALID_TYPE",
                        "sObject type 'Nope' is not supported.")));
            }
            if (q.contains("FROM Opportunity")) {
                return json(200, opportunityPage(0));
            }
            JsonArray records = new JsonArray().add(account(ACCOUNT_ID, "Acme"))
                    .add(account("001xx000003DGb3AAG", "Globex"));
            if (path.endsWith("queryAll")) {
                records.add(account("001xx000003DGb4AAG", "Initech").put("IsDeleted", true));
            }
            if (user != null && SHARING.containsKey(user)) {
                Set<String> shared = SHARING.get(user);
                JsonArray visible = new JsonArray();
                records.stream().map(JsonObject.class::cast).filter(r -> shared.contains(r.getString("Name")))
                        .forEach(visible::add);
                records = visible;
            }
            return json(200, new JsonObject().put("totalSize", records.size()).put("done", true).put("records", records));
        }
        if (path.startsWith(V + "/query/01gOPP-")) {
            return json(200, opportunityPage(Integer.parseInt(path.substring(path.lastIndexOf('-') + 1))));
        }
        if (path.equals(V + "/search")) {
            return json(200, new JsonObject().put("searchRecords", new JsonArray().add(account(ACCOUNT_ID, "Acme"))
                    .add(new JsonObject().put("attributes", new JsonObject().put("type", "Contact"))
                            .put("Id", "003xx000004TmiQAAS").put("Name", "Ada Acme"))));
        }
        if (path.equals(V + "/sobjects/Account/" + ACCOUNT_ID) && method.equals("GET")) {
            JsonObject record = account(ACCOUNT_ID, "Acme").put("Industry", "Energy").put("AnnualRevenue", 1.5E7);
            String fields = url.queryParameter("fields");
            if (fields != null) {
                JsonObject only = new JsonObject().put("attributes", record.getJsonObject("attributes"));
                for (String f : fields.split(",")) {
                    only.put(f, record.getValue(f));
                }
                record = only;
            }
            return json(200, record);
        }
        if (path.startsWith(V + "/sobjects/Account/") && method.equals("GET")) {
            return json(404, new JsonArray().add(error("NOT_FOUND", "The requested resource does not exist")));
        }
        if (path.equals(V + "/sobjects/Account") && method.equals("POST")) {
            JsonObject body = new JsonObject(request.getBody().clone().readUtf8());
            if (!body.containsKey("Name")) {
                return json(400, new JsonArray().add(error("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]")));
            }
            return json(201, new JsonObject().put("id", "001xx000003NEWAAA").put("success", true)
                    .put("errors", new JsonArray()));
        }
        if (path.startsWith(V + "/sobjects/Account/") && (method.equals("PATCH") || method.equals("DELETE"))) {
            return new MockResponse().setResponseCode(204);
        }
        if (path.equals(V + "/limits")) {
            return json(200, new JsonObject()
                    .put("DailyApiRequests", new JsonObject().put("Max", 15000).put("Remaining", 14890))
                    .put("DataStorageMB", new JsonObject().put("Max", 5).put("Remaining", 4)));
        }
        return json(404, new JsonArray().add(error("NOT_FOUND", "The requested resource does not exist")));
    }

    /** 12 opportunities in pages of 5, as Salesforce pages a large result. */
    static JsonObject opportunityPage(int start) {
        JsonArray records = new JsonArray();
        for (int i = start; i < Math.min(start + 5, 12); i++) {
            records.add(new JsonObject().put("attributes", new JsonObject().put("type", "Opportunity")
                    .put("url", V + "/sobjects/Opportunity/006xx00000" + String.format("%05d", i) + "AAA"))
                    .put("Id", "006xx00000" + String.format("%05d", i) + "AAA").put("Name", "Deal " + i)
                    .put("Amount", 1000.0 * i).put("StageName", i % 2 == 0 ? "Closed Won" : "Prospecting"));
        }
        JsonObject page = new JsonObject().put("totalSize", 12).put("done", start + 5 >= 12).put("records", records);
        if (start + 5 < 12) {
            page.put("nextRecordsUrl", V + "/query/01gOPP-" + (start + 5));
        }
        return page;
    }

    static JsonObject account(String id, String name) {
        return new JsonObject().put("attributes", new JsonObject().put("type", "Account")
                .put("url", V + "/sobjects/Account/" + id)).put("Id", id).put("Name", name);
    }

    static JsonObject sobject(String name, String label, boolean custom, boolean queryable) {
        return new JsonObject().put("name", name).put("label", label).put("custom", custom)
                .put("queryable", queryable).put("createable", false).put("updateable", false).put("deletable", false)
                .put("keyPrefix", name.equals("Account") ? "001" : null)
                .put("urls", new JsonObject().put("sobject", V + "/sobjects/" + name));
    }

    static JsonObject accountDescribe() {
        return new JsonObject().put("name", "Account").put("label", "Account").put("keyPrefix", "001")
                .put("custom", false).put("queryable", true).put("createable", false).put("updateable", false)
                .put("deletable", false)
                .put("fields", new JsonArray()
                        .add(field("Id", "Account ID", "id", false, 18))
                        .add(field("Name", "Account Name", "string", false, 255))
                        .add(field("Industry", "Industry", "picklist", true, 255).put("picklistValues", new JsonArray()
                                .add(new JsonObject().put("value", "Energy").put("label", "Energy").put("active", true))
                                .add(new JsonObject().put("value", "Retail").put("label", "Retail").put("active", true))
                                .add(new JsonObject().put("value", "Telex").put("label", "Telex").put("active", false))))
                        .add(field("OwnerId", "Owner ID", "reference", false, 18)
                                .put("referenceTo", new JsonArray().add("User")).put("relationshipName", "Owner"))
                        .add(field("Tier__c", "Tier", "string", true, 20).put("custom", true)))
                .put("childRelationships", new JsonArray()
                        .add(new JsonObject().put("childSObject", "Contact").put("field", "AccountId")
                                .put("relationshipName", "Contacts"))
                        .add(new JsonObject().put("childSObject", "AccountHistory").put("field", "AccountId")
                                .putNull("relationshipName")));
    }

    static JsonObject field(String name, String label, String type, boolean nillable, int length) {
        return new JsonObject().put("name", name).put("label", label).put("type", type).put("nillable", nillable)
                .put("length", length).put("custom", false).put("picklistValues", new JsonArray())
                .put("referenceTo", new JsonArray()).putNull("relationshipName");
    }

    static JsonObject error(String code, String message) {
        return new JsonObject().put("message", message).put("errorCode", code);
    }

    static MockResponse json(int status, Object body) {
        return RecordingApi.json(status, body);
    }
}
