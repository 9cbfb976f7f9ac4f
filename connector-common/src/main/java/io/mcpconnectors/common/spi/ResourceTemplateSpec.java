package io.mcpconnectors.common.spi;

/**
 * A resource template a connector serves.
 *
 * @param name unique name
 * @param title short human title
 * @param description what the resource holds
 * @param uriTemplate RFC 6570 template, e.g. {@code postgres://{schema}/{table}}
 * @param mimeType media type of what a read returns
 * @param listed whether it appears in resources/templates/list (unlisted ones only answer reads)
 */
public record ResourceTemplateSpec(String name, String title, String description, String uriTemplate,
        String mimeType, boolean listed) {
}
