package com.doe.ml;

import com.doe.pipeline.SettingValues;
import java.util.List;
import java.util.Map;

/**
 * The typed settings of a {@code train} step.
 *
 * @param model            registry name
 * @param task             what is learned
 * @param algorithm        the learner
 * @param numeric          numeric feature fields (long, double, decimal, boolean)
 * @param categorical      categorical feature fields (any type; values compared as text)
 * @param target           the field to predict; required for classification and regression, optional for
 *                         anomaly (a boolean, true = anomalous, used for metrics only), unused for clustering
 * @param testFraction     share of rows held out for metrics, in [0, 0.9]
 * @param seed             seed of the split and of the learner
 * @param minQuality       metric name to threshold required for promotion (a ceiling for rmse and mae)
 * @param failOnLowQuality fail the run instead of warning when minQuality is not met
 * @param epochs           SGD passes over the training rows (linear models)
 * @param trees            ensemble size (random forests)
 * @param maxDepth         maximum tree depth (random forests)
 * @param clusters         k (k-means)
 * @param nu               upper bound on the share of training rows treated as outliers (one-class SVM)
 */
public record TrainSpec(String model, Task task, Algorithm algorithm, List<String> numeric, List<String> categorical,
                        String target, double testFraction, long seed, Map<String, Double> minQuality,
                        boolean failOnLowQuality, int epochs, int trees, int maxDepth, int clusters, double nu) {

    public TrainSpec {
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        minQuality = Map.copyOf(minQuality);
    }

    /** Reads settings that passed {@code TrainStepType}'s checks. */
    public static TrainSpec of(SettingValues s) {
        Task task = Task.parse(s.string("task"));
        Algorithm algorithm = Algorithm.find(task, s.string("algorithm")).orElseThrow(() -> new IllegalArgumentException(
                "unknown algorithm " + s.string("algorithm") + " for " + task.text()));
        SettingValues f = s.object("features");
        Map<String, Double> quality = new java.util.LinkedHashMap<>();
        s.scalarMap("minQuality").forEach((k, v) -> quality.put(k, ((Number) v).doubleValue()));
        return new TrainSpec(s.string("model"), task, algorithm, f.strings("numeric"), f.strings("categorical"),
                s.string("target"), s.number("testFraction"), s.integer("seed", 42), quality, s.bool("failOnLowQuality"),
                (int) s.integer("epochs", 10), (int) s.integer("trees", 50), (int) s.integer("maxDepth", 10),
                (int) s.integer("clusters", 3), s.number("nu"));
    }
}
