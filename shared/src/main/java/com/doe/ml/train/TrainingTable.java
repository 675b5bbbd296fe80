package com.doe.ml.train;

import com.doe.format.DatasetSchema;
import com.doe.ml.Task;
import com.doe.ml.TrainSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * The training rows of a run, column by column: numeric features as doubles (NaN for null), text
 * values (categorical features, class targets) as dictionary codes (-1 for null). Keeps only the
 * columns a {@code train} step uses, so a million rows of ten features take about 100 MB. Not
 * thread-safe: one per training.
 */
public final class TrainingTable {

    private final TrainSpec spec;
    private final int[] numericPositions;
    private final int[] categoricalPositions;
    private final int targetPosition;
    private final boolean numericTarget;
    private final double[][] numeric;
    private final int[][] categorical;
    private final List<Dictionary> dictionaries = new ArrayList<>();
    private final Dictionary targetDictionary = new Dictionary();
    private double[] numericTargetValues;
    private int[] targetCodes;
    private int rows;

    public TrainingTable(TrainSpec spec, DatasetSchema schema) {
        this.spec = spec;
        numericPositions = spec.numeric().stream().mapToInt(schema::indexOf).toArray();
        categoricalPositions = spec.categorical().stream().mapToInt(schema::indexOf).toArray();
        targetPosition = spec.target() == null ? -1 : schema.indexOf(spec.target());
        numericTarget = spec.task() == Task.REGRESSION;
        int capacity = 1024;
        numeric = new double[numericPositions.length][capacity];
        categorical = new int[categoricalPositions.length][capacity];
        for (int i = 0; i < categoricalPositions.length; i++) {
            dictionaries.add(new Dictionary());
        }
        numericTargetValues = new double[numericTarget ? capacity : 0];
        targetCodes = new int[numericTarget ? 0 : capacity];
    }

    public void add(GenericRecord r) {
        if (rows == capacity()) {
            grow();
        }
        for (int i = 0; i < numericPositions.length; i++) {
            numeric[i][rows] = FeatureEncoder.toDouble(r.get(numericPositions[i]));
        }
        for (int j = 0; j < categoricalPositions.length; j++) {
            categorical[j][rows] = dictionaries.get(j).code(r.get(categoricalPositions[j]));
        }
        if (numericTarget) {
            numericTargetValues[rows] = FeatureEncoder.toDouble(r.get(targetPosition));
        } else if (targetPosition >= 0) {
            targetCodes[rows] = targetDictionary.code(r.get(targetPosition));
        }
        rows++;
    }

    public int rows() {
        return rows;
    }

    public TrainSpec spec() {
        return spec;
    }

    /** Whether the row's target is present (always true without a target). */
    public boolean hasTarget(int row) {
        if (targetPosition < 0) {
            return true;
        }
        return numericTarget ? !Double.isNaN(numericTargetValues[row]) : targetCodes[row] >= 0;
    }

    public double numeric(int column, int row) {
        return numeric[column][row];
    }

    /** The categorical value's text, or null. */
    public String category(int column, int row) {
        return dictionaries.get(column).text(categorical[column][row]);
    }

    public double numericTarget(int row) {
        return numericTargetValues[row];
    }

    /** The target as text (classes; anomaly flags), or null. */
    public String textTarget(int row) {
        return targetPosition < 0 ? null : targetDictionary.text(targetCodes[row]);
    }

    /**
     * Fits the feature spec on {@code trainRows}: means and scales of numeric fields (over present
     * values), the most frequent categories, and the regression target's mean and scale.
     */
    public FeatureSpec fit(int[] trainRows) {
        List<FeatureSpec.Numeric> nums = new ArrayList<>();
        for (int i = 0; i < numericPositions.length; i++) {
            double[] ms = meanAndScale(numeric[i], trainRows);
            nums.add(new FeatureSpec.Numeric(spec.numeric().get(i), ms[0], ms[1]));
        }
        List<FeatureSpec.Categorical> cats = new ArrayList<>();
        for (int j = 0; j < categoricalPositions.length; j++) {
            Dictionary d = dictionaries.get(j);
            long[] counts = new long[d.size()];
            for (int r : trainRows) {
                if (categorical[j][r] >= 0) {
                    counts[categorical[j][r]]++;
                }
            }
            List<Integer> codes = new ArrayList<>();
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] > 0) {
                    codes.add(c);
                }
            }
            codes.sort((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : d.text(a).compareTo(d.text(b)));
            List<String> kept = new ArrayList<>(codes.subList(0, Math.min(codes.size(), FeatureSpec.MAX_CATEGORIES))
                    .stream().map(d::text).toList());
            kept.sort(null);
            cats.add(new FeatureSpec.Categorical(spec.categorical().get(j), kept));
        }
        double[] target = numericTarget ? meanAndScale(numericTargetValues, trainRows) : new double[] {0, 1};
        return new FeatureSpec(nums, cats, spec.target(), target[0], target[1]);
    }

    /** Writes row {@code row}'s feature vector by {@code features} (the same rules as {@link FeatureEncoder}). */
    public void encode(FeatureSpec features, List<Map<String, Integer>> positions, int row, double[] out) {
        Arrays.fill(out, 0.0);
        for (int i = 0; i < numericPositions.length; i++) {
            out[i] = features.numericValue(i, numeric[i][row]);
        }
        for (int j = 0; j < categoricalPositions.length; j++) {
            String v = category(j, row);
            Integer at = v == null ? null : positions.get(j).get(v);
            if (at != null) {
                out[at] = 1.0;
            }
        }
    }

    private static double[] meanAndScale(double[] values, int[] rows) {
        double sum = 0;
        long n = 0;
        for (int r : rows) {
            if (!Double.isNaN(values[r])) {
                sum += values[r];
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (int r : rows) {
            if (!Double.isNaN(values[r])) {
                squares += (values[r] - mean) * (values[r] - mean);
            }
        }
        double sd = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
        return new double[] {mean, sd > 0 ? sd : 1.0};
    }

    private int capacity() {
        return numericTarget ? numericTargetValues.length : targetCodes.length;
    }

    private void grow() {
        int capacity = capacity() * 2;
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = Arrays.copyOf(numeric[i], capacity);
        }
        for (int j = 0; j < categorical.length; j++) {
            categorical[j] = Arrays.copyOf(categorical[j], capacity);
        }
        if (numericTarget) {
            numericTargetValues = Arrays.copyOf(numericTargetValues, capacity);
        } else {
            targetCodes = Arrays.copyOf(targetCodes, capacity);
        }
    }

    /** Text values to dense codes. */
    private static final class Dictionary {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> texts = new ArrayList<>();

        int code(Object value) {
            if (value == null) {
                return -1;
            }
            String text = value.toString();
            Integer c = codes.get(text);
            if (c == null) {
                c = texts.size();
                codes.put(text, c);
                texts.add(text);
            }
            return c;
        }

        String text(int code) {
            return code < 0 ? null : texts.get(code);
        }

        int size() {
            return texts.size();
        }
    }
}
