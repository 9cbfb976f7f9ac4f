package io.mcpconnectors.common.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * The forms an upstream, a gateway or a file can give a secret besides the value itself: another letter case, URL
 * encoding and JSON escaping of some or all of its characters, base64 alone or inside a longer base64 text, and
 * bytes holding it as text. All are removed (text) or detected (bytes) in one pass.
 */
class KnownSecretsEncodingsTest {

    static final String TOKEN = KnownSecretsTest.SALESFORCE_TOKEN; // 00Dxx0000000001!AQ4AQFx7.k9_Zr8Gv/QmPn+Lh2sT=

    final KnownSecrets secrets = new KnownSecrets();

    KnownSecretsEncodingsTest() {
        secrets.register("Salesforce access token", TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = { "upper", "mixed-case", "python-quote", "js-encodeURIComponent", "every-char-percent",
            "lower-hex-percent", "gson-html-safe", "utf16-json", "escaped-solidus" })
    void aSecretInAnotherCaseOrPartlyEncodedIsRemovedWhole(String form) {
        String echoed = switch (form) {
            case "upper" -> TOKEN.toUpperCase(Locale.ROOT);
            case "mixed-case" -> TOKEN.substring(0, 20).toLowerCase(Locale.ROOT) + TOKEN.substring(20)
                    .toUpperCase(Locale.ROOT);
            // urllib.parse.quote: '/' is safe by default
            case "python-quote" -> TOKEN.replace("!", "%21").replace("+", "%2B").replace("=", "%3D");
            // encodeURIComponent leaves ! but encodes / + =
            case "js-encodeURIComponent" -> TOKEN.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D");
            case "every-char-percent" -> everyCharPercent(TOKEN);
            case "lower-hex-percent" -> TOKEN.replace("/", "%2f").replace("+", "%2b").replace("=", "%3d");
            case "gson-html-safe" -> TOKEN.replace("=", "\\u003d");
            case "utf16-json" -> TOKEN.replace("!", "\\u0021").replace("Q", "\\u0051");
            case "escaped-solidus" -> TOKEN.replace("/", "\\/");
            default -> throw new IllegalArgumentException(form);
        };
        assertEquals("upstream said: [REDACTED]!", secrets.scrub("upstream said: " + echoed + "!"), form);
        assertTrue(secrets.appearIn(echoed), form);
    }

    @Test
    void aSecretInBase64IsRemovedWhereverItStartsInTheBase64Text() {
        for (String before : new String[] { "", "u", "us", "user:", "a longer user name:" }) {
            String encoded = Base64.getEncoder().encodeToString((before + TOKEN).getBytes(StandardCharsets.UTF_8));
            // What stays is what depends on the bytes before the token alone.
            String kept = encoded.substring(0, 8 * before.length() / 6);
            assertEquals("Authorization: Basic " + kept + "[REDACTED] refused",
                    secrets.scrub("Authorization: Basic " + encoded + " refused"), before);
        }
        String urlSafe = Base64.getUrlEncoder().encodeToString(("x:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertTrue(secrets.scrub(urlSafe).endsWith("[REDACTED]"), secrets.scrub(urlSafe));
    }

    @Test
    void allFormsInOneTextAreRemovedAndTheRestIsKept() {
        String text = "a " + TOKEN + " b " + TOKEN.toLowerCase(Locale.ROOT) + " c " + TOKEN.replace("!", "%21")
                + " d " + Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)) + " e";
        assertEquals("a [REDACTED] b [REDACTED] c [REDACTED] d [REDACTED] e", secrets.scrub(text));
    }

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "%21%2B \\u0021 \\/ 00Dxx0000000001 AQ4AQFx7 " + "x".repeat(10_000);
        assertSame(text, secrets.scrub(text));
        assertFalse(secrets.appearIn(text));
    }

    @Test
    void anyCaseOfAPasswordWithNonAsciiLettersIsRemoved() {
        secrets.register("connector.x.password", "Grüße-aus-Köln-42");
        assertEquals("pw [REDACTED] [REDACTED] [REDACTED]", secrets.scrub("pw GRÜSSE-AUS-KÖLN-42".replace("SS", "ß")
                + " " + "grüße-aus-köln-42" + " " + "Gr%C3%BC%C3%9Fe-aus-K%C3%B6ln-42"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ISO-8859-1", "windows-1252", "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16LE odd",
            "US-ASCII base64" })
    void bytesHoldingTheSecretAsTextAreRecognised(String charset) {
        String file = "# caf\u00e9 settings\nTOKEN=" + TOKEN + "\n";
        byte[] bytes = switch (charset) {
            case "UTF-16LE odd" -> concat(new byte[] { 0x42 }, file.getBytes(StandardCharsets.UTF_16LE));
            case "US-ASCII base64" -> Base64.getEncoder().encode(file.getBytes(StandardCharsets.UTF_8));
            default -> file.getBytes(Charset.forName(charset));
        };
        byte[] png = concat(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, bytes);
        assertTrue(secrets.appearIn(png), charset);
        assertFalse(secrets.appearIn(file.replace(TOKEN, "no token").getBytes(Charset.forName(
                charset.startsWith("UTF-16") ? "UTF-16LE" : "UTF-8"))), charset);
    }

    @Test
    void bytesHoldingANonAsciiSecretInAnySingleByteCharsetOrUtf8AreRecognised() {
        secrets.register("connector.x.password", "Grüße-aus-Köln-42");
        for (String charset : new String[] { "ISO-8859-1", "windows-1252", "UTF-8", "UTF-16BE" }) {
            assertTrue(secrets.appearIn(("pw=Grüße-aus-Köln-42").getBytes(Charset.forName(charset))), charset);
        }
    }

    private static String everyCharPercent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%%%02X", b));
        }
        return out.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
