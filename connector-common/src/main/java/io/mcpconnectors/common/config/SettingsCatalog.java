package io.mcpconnectors.common.config;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The settings a configuration mapping declares, read from the mapping itself: each method is one setting, its
 * {@code @WithDefault} is the one place its default is written, and its Javadoc is its documentation. Whatever
 * else needs a setting's default (the transport interceptor, which runs before the mapping exists) or its list
 * (the documentation tests) asks here instead of writing it again.
 */
public final class SettingsCatalog {

    /**
     * One setting.
     *
     * @param key its full name; a map's entries are written {@code <prefix>."<key>"}
     * @param defaultValue the declared default, or null when there is none
     */
    public record Setting(String key, String defaultValue) {
    }

    private static final Map<Class<?>, List<Setting>> CACHE = new ConcurrentHashMap<>();

    private SettingsCatalog() {
    }

    /** The settings of a {@code @ConfigMapping} interface, sorted by key. */
    public static List<Setting> of(Class<?> mapping) {
        return CACHE.computeIfAbsent(mapping, type -> {
            List<Setting> settings = new ArrayList<>();
            walk(type, type.getAnnotation(ConfigMapping.class).prefix(), settings);
            settings.sort(Comparator.comparing(Setting::key));
            return List.copyOf(settings);
        });
    }

    /** The declared default of one of the runtime's shared settings ({@link ConnectorRuntimeConfig}). */
    public static String runtimeDefault(String key) {
        Map<String, String> defaults = RuntimeDefaults.DEFAULTS;
        if (!defaults.containsKey(key)) {
            throw new IllegalArgumentException(key + " is not a setting of the runtime");
        }
        return defaults.get(key);
    }

    private static final class RuntimeDefaults {
        static final Map<String, String> DEFAULTS = new HashMap<>();

        static {
            for (Setting setting : of(ConnectorRuntimeConfig.class)) {
                DEFAULTS.put(setting.key(), setting.defaultValue());
            }
        }
    }

    private static void walk(Class<?> group, String prefix, List<Setting> into) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Type type = unwrapOptional(method.getGenericReturnType());
            if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
                Type value = map.getActualTypeArguments()[1];
                if (value instanceof Class<?> entry && isGroup(entry)) {
                    walk(entry, key + ".\"<key>\"", into);
                } else {
                    into.add(new Setting(key + ".\"<key>\"", null));
                }
            } else if (type instanceof Class<?> leaf && isGroup(leaf)) {
                walk(leaf, key, into);
            } else {
                WithDefault declared = method.getAnnotation(WithDefault.class);
                into.add(new Setting(key, declared == null ? null : declared.value()));
            }
        }
    }

    private static Type unwrapOptional(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Optional.class ? p.getActualTypeArguments()[0]
                : type;
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    /** maxItems → max-items, as SmallRye Config names a mapping's methods. */
    static String kebab(String name) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    key.append('-');
                }
                key.append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }
}
