package io.mcpconnectors.common.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a connector's Prometheus endpoint the way a scraper does. */
public final class Prometheus {

    private Prometheus() {
    }

    public static String scrape(URI metrics) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The value of the first sample of {@code meter} whose labels contain {@code label} (e.g.
     * {@code pool_name="connector-postgres"}), or NaN when there is none, so that comparisons with it fail.
     */
    public static double value(String text, String meter, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(meter) + "\\{[^}]*" + Pattern.quote(label)
                + "[^}]*} ([0-9.E+-]+|NaN)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
