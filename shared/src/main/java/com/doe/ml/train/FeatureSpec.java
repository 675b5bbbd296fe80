package com.doe.ml.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model's inputs are built from a record, fitted on the training rows and stored with the model,
 * so scoring encodes rows exactly as training did. The feature vector is laid out as the numeric
 * fields in order, then one indicator per known category of each categorical field.
 *
 * <p>Rules: a numeric value is standardised as {@code (x - mean) / scale}; a null numeric value counts
 * as the training mean (0 after standardisation). A categorical value sets its category's indicator to
 * 1; a null value, or a category not seen in training, leaves every indicator of that field at 0. For
 * regression the target is standardised the same way and predictions are mapped back.
 *
 * @param numeric     numeric fields with their training mean and scale (standard deviation, 1 when 0)
 * @param categorical categorical fields with their known categories (at most {@link #MAX_CATEGORIES})
 * @param target      the target field, or null
 * @param targetMean  regression: mean of the target on the training rows (0 otherwise)
 * @param targetScale regression: standard deviation of the target (1 otherwise)
 */
public record FeatureSpec(List<Numeric> numeric, List<Categorical> categorical, String target, double targetMean,
                          double targetScale) {

    /** Categories kept per field: the most frequent ones; the rest count as unseen. */
    public static final int MAX_CATEGORIES = 1000;

    public record Numeric(String field, double mean, double scale) {
    }

    public record Categorical(String field, List<String> categories) {
        public Categorical {
            categories = List.copyOf(categories);
        }
    }

    public FeatureSpec {
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
    }

    /** Length of the feature vector. */
    public int width() {
        int w = numeric.size();
        for (Categorical c : categorical) {
            w += c.categories().size();
        }
        return w;
    }

    /** Every input field, numeric first. */
    public List<String> fields() {
        List<String> out = new ArrayList<>();
        numeric.forEach(n -> out.add(n.field()));
        categorical.forEach(c -> out.add(c.field()));
        return out;
    }

    /**
     * Feature names in vector order, e.g. {@code 00000:beak_length}, {@code 00004:island=Biscoe}. The
     * zero-padded position makes Tribuo's name-sorted feature ids equal the vector positions, so a
     * model exported to ONNX takes the vector as is.
     */
    public String[] featureNames() {
        String[] names = new String[width()];
        int i = 0;
        for (Numeric n : numeric) {
            names[i] = String.format("%05d:%s", i, n.field());
            i++;
        }
        for (Categorical c : categorical) {
            for (String v : c.categories()) {
                names[i] = String.format("%05d:%s=%s", i, c.field(), v);
                i++;
            }
        }
        return names;
    }

    /** The standardised value of numeric feature {@code i}; NaN (missing) becomes 0, the training mean. */
    public double numericValue(int i, double raw) {
        Numeric n = numeric.get(i);
        return Double.isNaN(raw) ? 0.0 : (raw - n.mean()) / n.scale();
    }

    /** Per categorical field, category text to position in the vector. */
    public List<Map<String, Integer>> categoryPositions() {
        List<Map<String, Integer>> out = new ArrayList<>();
        int base = numeric.size();
        for (Categorical c : categorical) {
            Map<String, Integer> m = new HashMap<>();
            for (int j = 0; j < c.categories().size(); j++) {
                m.put(c.categories().get(j), base + j);
            }
            out.add(m);
            base += c.categories().size();
        }
        return out;
    }

    /** A standardised regression prediction back in the target's units. */
    public double unscaleTarget(double standardised) {
        return standardised * targetScale + targetMean;
    }
}
