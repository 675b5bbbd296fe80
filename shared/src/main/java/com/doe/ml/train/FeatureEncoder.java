package com.doe.ml.train;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Encodes records of one dataset schema into feature vectors by a {@link FeatureSpec}. Built once per
 * schema and model; immutable and thread-safe.
 */
public final class FeatureEncoder {

    private final FeatureSpec spec;
    private final int width;
    private final int[] numericPositions;
    private final int[] categoricalPositions;
    private final List<Map<String, Integer>> categories;

    /**
     * @throws IllegalArgumentException when the schema lacks a feature or has it with an unusable type;
     *                                  callers check {@link #problems} first to report it properly
     */
    public FeatureEncoder(FeatureSpec spec, DatasetSchema schema) {
        List<String> problems = problems(spec, schema);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.spec = spec;
        this.width = spec.width();
        numericPositions = spec.numeric().stream().mapToInt(n -> schema.indexOf(n.field())).toArray();
        categoricalPositions = spec.categorical().stream().mapToInt(c -> schema.indexOf(c.field())).toArray();
        categories = spec.categoryPositions();
    }

    /** What prevents encoding records of {@code schema}: missing fields and non-numeric numeric features. */
    public static List<String> problems(FeatureSpec spec, DatasetSchema schema) {
        List<String> out = new ArrayList<>();
        for (FeatureSpec.Numeric n : spec.numeric()) {
            String p = numericProblem(n.field(), schema);
            if (p != null) {
                out.add(p);
            }
        }
        for (FeatureSpec.Categorical c : spec.categorical()) {
            if (!schema.has(c.field())) {
                out.add("categorical feature '" + c.field() + "' is missing from the records");
            }
        }
        return out;
    }

    /** Null when {@code field} exists in {@code schema} with a numeric type, else what is wrong. */
    public static String numericProblem(String field, DatasetSchema schema) {
        Field f = schema.find(field).orElse(null);
        if (f == null) {
            return "numeric feature '" + field + "' is missing from the records";
        }
        if (!isNumeric(f.type())) {
            return "numeric feature '" + field + "' is of type " + f.type().text()
                    + ", not long, double, decimal or boolean";
        }
        return null;
    }

    public static boolean isNumeric(FieldType t) {
        return t == FieldType.LONG || t == FieldType.DOUBLE || t == FieldType.BOOLEAN || t instanceof FieldType.Decimal;
    }

    public FeatureSpec spec() {
        return spec;
    }

    public int width() {
        return width;
    }

    /** Writes the feature vector of {@code record} into {@code out[offset, offset + width)}. */
    public void encode(GenericRecord record, double[] out, int offset) {
        Arrays.fill(out, offset, offset + width, 0.0);
        for (int i = 0; i < numericPositions.length; i++) {
            out[offset + i] = spec.numericValue(i, toDouble(record.get(numericPositions[i])));
        }
        for (int j = 0; j < categoricalPositions.length; j++) {
            Object v = record.get(categoricalPositions[j]);
            if (v != null) {
                Integer at = categories.get(j).get(v.toString());
                if (at != null) {
                    out[offset + at] = 1.0;
                }
            }
        }
    }

    /** A numeric value as double; null is NaN (missing). */
    public static double toDouble(Object v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        throw new IllegalArgumentException("not a numeric value: " + v.getClass().getSimpleName());
    }
}
