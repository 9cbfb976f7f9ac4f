package io.mcpconnectors.common.config;

import java.util.Locale;

import jakarta.annotation.Priority;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a yes/no setting strictly: {@code true}/{@code false} (and yes/no, on/off, 1/0). The default converter reads
 * anything else as false with a warning, so a typo such as {@code connector.approval.four-eyes=ture} would quietly
 * switch a safeguard off; here it stops the start with one line naming the setting.
 */
@Priority(200)
public class StrictBooleanConverter implements Converter<Boolean> {

    private static final long serialVersionUID = 1L;

    @Override
    public Boolean convert(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }
}
