package com.doe.ml.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model's quality on the held-out rows (or on the training rows when {@code testFraction}
 * is 0, {@code evaluatedOn} says which), stored with the model and reported in the run record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "task")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ModelMetrics.Classification.class, name = "classification"),
        @JsonSubTypes.Type(value = ModelMetrics.Regression.class, name = "regression"),
        @JsonSubTypes.Type(value = ModelMetrics.Anomaly.class, name = "anomaly"),
        @JsonSubTypes.Type(value = ModelMetrics.Clustering.class, name = "clustering")})
public sealed interface ModelMetrics {

    /** {@code test} or {@code train}. */
    String evaluatedOn();

    /** Rows the metrics were computed on. */
    long rows();

    /** Named numbers that {@code minQuality} can refer to. */
    @JsonIgnore
    Map<String, Double> values();

    /** Metric names for which a lower value is better ({@code minQuality} is then a ceiling). */
    List<String> LOWER_IS_BETTER = List.of("rmse", "mae", "meanDistance");

    /**
     * @param labels    the classes, in the order of the confusion matrix
     * @param confusion {@code confusion[truth][predicted]} row counts
     */
    record Classification(String evaluatedOn, long rows, double accuracy, double macroF1, List<String> labels,
                          long[][] confusion) implements ModelMetrics {
        @Override
        public Map<String, Double> values() {
            return Map.of("accuracy", accuracy, "macroF1", macroF1);
        }
    }

    /** Errors in the target's units; {@code r2} is the coefficient of determination. */
    record Regression(String evaluatedOn, long rows, double rmse, double mae, double r2) implements ModelMetrics {
        @Override
        public Map<String, Double> values() {
            return Map.of("rmse", rmse, "mae", mae, "r2", r2);
        }
    }

    /**
     * @param anomalyRate share of rows flagged anomalous
     * @param precision   with a target: share of flagged rows that are anomalous (null without target)
     * @param recall      with a target: share of anomalous rows flagged
     * @param f1          with a target: harmonic mean of precision and recall
     */
    record Anomaly(String evaluatedOn, long rows, double anomalyRate, Double precision, Double recall, Double f1)
            implements ModelMetrics {
        @Override
        public Map<String, Double> values() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("anomalyRate", anomalyRate);
            if (f1 != null) {
                m.put("precision", precision);
                m.put("recall", recall);
                m.put("f1", f1);
            }
            return m;
        }
    }

    /**
     * @param sizes        rows per cluster id
     * @param meanDistance mean Euclidean distance of a row to its centroid, in standardised units
     */
    record Clustering(String evaluatedOn, long rows, int clusters, long[] sizes, double meanDistance)
            implements ModelMetrics {
        @Override
        public Map<String, Double> values() {
            return Map.of("meanDistance", meanDistance);
        }
    }

    /** The metric names {@code minQuality} accepts per task. */
    static List<String> names(com.doe.ml.Task task) {
        return switch (task) {
            case CLASSIFICATION -> List.of("accuracy", "macroF1");
            case REGRESSION -> List.of("rmse", "mae", "r2");
            case ANOMALY -> List.of("anomalyRate", "precision", "recall", "f1");
            case CLUSTERING -> List.of("meanDistance");
        };
    }
}
