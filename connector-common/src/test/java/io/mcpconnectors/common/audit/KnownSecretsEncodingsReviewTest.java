package io.mcpconnectors.common.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security review (review-security): common ways an upstream can echo a secret that the by-value scrubber does not
 * recognise. Each case prints what leaves; a failing case is a form relayed whole.
 */
class KnownSecretsEncodingsReviewTest {

    static final String TOKEN = KnownSecretsTest.SALESFORCE_TOKEN; // 00Dxx0000000001!AQ4AQFx7.k9_Zr8Gv/QmPn+Lh2sT=

    @ParameterizedTest
    @ValueSource(strings = { "base64", "basic-auth", "upper", "python-quote", "js-encodeURIComponent", "wrapped",
            "gson-html-safe", "utf16-json" })
    void aSecretInACommonEncodingIsRemoved(String form) {
        KnownSecrets secrets = new KnownSecrets();
        secrets.register("Salesforce access token", TOKEN);
        String echoed = switch (form) {
            case "base64" -> Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
            case "basic-auth" -> "Authorization: Basic " + Base64.getEncoder().encodeToString(("user:" + TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
            case "upper" -> TOKEN.toUpperCase(Locale.ROOT);
            // urllib.parse.quote: '/' is safe by default
            case "python-quote" -> TOKEN.replace("!", "%21").replace("+", "%2B").replace("=", "%3D");
            // encodeURIComponent leaves ! but encodes / + =
            case "js-encodeURIComponent" -> TOKEN.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D");
            case "wrapped" -> TOKEN.substring(0, 20) + "\n" + TOKEN.substring(20);
            case "gson-html-safe" -> TOKEN.replace("=", "\\u003d");
            case "utf16-json" -> TOKEN.replace("!", "\\u0021");
            default -> throw new IllegalArgumentException(form);
        };
        String out = secrets.scrubMessage("upstream said: " + echoed);
        System.out.println("REVIEW " + form + " -> " + out);
        assertFalse(out.contains(echoed), form + " relayed: " + out);
    }
}
