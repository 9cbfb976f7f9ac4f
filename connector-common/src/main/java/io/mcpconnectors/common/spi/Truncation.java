package io.mcpconnectors.common.spi;

/**
 * Why a result is incomplete: the limit that applied and its value.
 *
 * @param limit the config key that applied, e.g. {@code connector.limits.max-items}
 * @param value the limit's value
 */
public record Truncation(String limit, long value) {
}
