package com.doe.ml;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The learners a {@code train} step can use, each implemented by Tribuo. The first algorithm of a task
 * is its default.
 */
public enum Algorithm {
    /** Multinomial logistic regression trained by SGD (AdaGrad); exported to ONNX. */
    LOGISTIC_REGRESSION(Task.CLASSIFICATION, "logistic-regression", true),
    /** Bagged CART trees with random feature subsets, majority vote. */
    RANDOM_FOREST_CLASSIFIER(Task.CLASSIFICATION, "random-forest", false),
    /** Least-squares linear regression trained by SGD (AdaGrad); exported to ONNX. */
    LINEAR_REGRESSION(Task.REGRESSION, "linear-regression", true),
    /** Bagged CART regression trees with random feature subsets, averaged. */
    RANDOM_FOREST_REGRESSOR(Task.REGRESSION, "random-forest", false),
    /** One-class SVM (LibSVM, RBF kernel). */
    ONE_CLASS_SVM(Task.ANOMALY, "one-class-svm", false),
    /** K-means with k-means++ initialisation, Euclidean distance. */
    K_MEANS(Task.CLUSTERING, "k-means", false);

    private final Task task;
    private final String text;
    private final boolean onnxExportable;

    Algorithm(Task task, String text, boolean onnxExportable) {
        this.task = task;
        this.text = text;
        this.onnxExportable = onnxExportable;
    }

    public Task task() {
        return task;
    }

    /** The name used in definitions. */
    public String text() {
        return text;
    }

    /** Whether Tribuo can export the trained model to ONNX (Tribuo 4.3: linear SGD models only). */
    public boolean onnxExportable() {
        return onnxExportable;
    }

    /** The algorithm of that name for the task; the task's default when {@code name} is null. */
    public static Optional<Algorithm> find(Task task, String name) {
        return Arrays.stream(values()).filter(a -> a.task == task && (name == null || a.text.equals(name))).findFirst();
    }

    /** The names accepted for a task, for messages and docs. */
    public static List<String> names(Task task) {
        return Arrays.stream(values()).filter(a -> a.task == task).map(Algorithm::text).toList();
    }
}
