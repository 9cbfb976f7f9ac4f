package io.mcpconnectors.common.spi;

/** JSON types an argument may take. */
public enum ArgType {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    STRING_ARRAY("array"),
    OBJECT_ARRAY("array"),
    /** An array of JSON values of any type; its item schema says which. */
    VALUE_ARRAY("array"),
    OBJECT("object");

    private final String jsonType;

    ArgType(String jsonType) {
        this.jsonType = jsonType;
    }

    public String jsonType() {
        return jsonType;
    }
}
