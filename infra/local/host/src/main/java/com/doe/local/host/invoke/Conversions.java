package com.doe.local.host.invoke;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Binding data to Java values and back, as the Java worker converts them: strings and bytes as
 * they are, anything else through Gson (the worker's JSON library). Thread-safe.
 */
public final class Conversions {

    /** The worker's JSON mapping: Gson with its defaults. */
    public static final Gson GSON = new Gson();

    private Conversions() {
    }

    /** Raw bytes to a parameter of type {@code String}, {@code byte[]}, {@code InputStream} or a POJO (JSON). */
    public static Object fromBytes(byte[] bytes, Type type) {
        Class<?> raw = raw(type);
        if (raw == byte[].class) {
            return bytes;
        }
        if (raw == InputStream.class) {
            return new ByteArrayInputStream(bytes);
        }
        return fromText(new String(bytes, StandardCharsets.UTF_8), type);
    }

    /** Text to a parameter: a {@code String} gets it unchanged, other types are read as JSON. */
    public static Object fromText(String text, Type type) {
        Class<?> raw = raw(type);
        if (text == null) {
            return null;
        }
        if (raw == String.class || raw == Object.class) {
            return text;
        }
        if (raw == byte[].class) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return GSON.fromJson(text, type);
        } catch (JsonParseException e) {
            throw new BindingException("cannot read the binding data as " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    /** A metadata value ({@code @BindingName}) to the parameter's type. */
    public static Object fromValue(Object value, Type type) {
        if (value == null) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return value instanceof String s ? s : GSON.toJson(value);
        }
        if (raw.isInstance(value)) {
            return value;
        }
        return GSON.fromJson(GSON.toJsonTree(value), type);
    }

    /** A value the function produced, as JSON (what the worker sends back for non-string data). */
    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    /** A body or output value as bytes: strings in UTF-8, bytes unchanged, anything else as JSON. */
    public static byte[] toBytes(Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType a) {
            return java.lang.reflect.Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    /** The {@code index}-th type argument of a generic type, or Object when it has none. */
    public static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
