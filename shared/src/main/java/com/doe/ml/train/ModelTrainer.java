package com.doe.ml.train;

import com.doe.DoeException;
import com.doe.ml.TrainSpec;
import com.doe.ml.onnx.OnnxExport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Trainer;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.anomaly.evaluation.AnomalyEvaluator;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Trains a model on a {@link TrainingTable} with Tribuo: splits the rows reproducibly by
 * {@code seed} (rows with a null target are skipped and counted), fits the {@link FeatureSpec} on the
 * training rows only, trains, evaluates on the held-out rows, and exports to ONNX where Tribuo can.
 * The same table and spec give the same model and metrics. Stateless and thread-safe.
 */
public final class ModelTrainer {

    /** Name of the single regression output dimension. */
    public static final String REGRESSION_DIMENSION = "target";

    private ModelTrainer() {
    }

    public static TrainedModel train(TrainingTable table) {
        TrainSpec spec = table.spec();
        int[] usable = java.util.stream.IntStream.range(0, table.rows()).filter(table::hasTarget).toArray();
        long skipped = table.rows() - usable.length;
        int[][] split = split(usable, spec.testFraction(), spec.seed());
        int[] train = split[0];
        int[] test = split[1];
        if (train.length < 2) {
            throw new DoeException("Step training model '" + spec.model() + "' has " + train.length
                    + " usable training row(s) (" + table.rows() + " rows, " + skipped + " with a null target '"
                    + spec.target() + "'). Training needs at least 2; check the data and the steps before it.");
        }
        FeatureSpec features = table.fit(train);
        Encoded data = new Encoded(table, features);
        return switch (spec.task()) {
            case CLASSIFICATION -> classification(data, train, test, skipped);
            case REGRESSION -> regression(data, train, test, skipped);
            case ANOMALY -> anomaly(data, train, test, skipped);
            case CLUSTERING -> clustering(data, train, test, skipped);
        };
    }

    /** Shuffles {@code rows} with {@code seed} and cuts off the test share; both parts sorted. */
    static int[][] split(int[] rows, double testFraction, long seed) {
        int[] shuffled = rows.clone();
        Random random = new Random(seed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        int testCount = (int) Math.round(shuffled.length * testFraction);
        int[] test = Arrays.copyOfRange(shuffled, 0, testCount);
        int[] train = Arrays.copyOfRange(shuffled, testCount, shuffled.length);
        Arrays.sort(test);
        Arrays.sort(train);
        return new int[][] {train, test};
    }

    private static TrainedModel classification(Encoded data, int[] train, int[] test, long skipped) {
        TrainSpec spec = data.table.spec();
        LabelFactory factory = new LabelFactory();
        Trainer<Label> trainer = switch (spec.algorithm()) {
            case LOGISTIC_REGRESSION -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                    new AdaGrad(0.1, 0.1), spec.epochs(), Integer.MAX_VALUE, 1, spec.seed());
            case RANDOM_FOREST_CLASSIFIER -> new RandomForestTrainer<>(new CARTClassificationTrainer(spec.maxDepth(),
                    data.featureFraction(), spec.seed()), new VotingCombiner(), spec.trees(), spec.seed());
            default -> throw new IllegalStateException(spec.algorithm() + " is not a classifier");
        };
        Model<Label> model = trainer.train(data.dataset(factory, train, r -> new Label(data.table.textTarget(r))));
        List<String> labels = new ArrayList<>();
        model.getOutputIDInfo().forEach(p -> labels.add(p.getB().getLabel()));
        int[] evalRows = test.length > 0 ? test : train;
        MutableDataset<Label> eval = data.dataset(factory, evalRows, r -> new Label(data.table.textTarget(r)));
        LabelEvaluation e = new LabelEvaluator().evaluate(model, eval);
        TreeSet<String> all = new TreeSet<>(labels);
        eval.getOutputInfo().getDomain().forEach(l -> all.add(l.getLabel()));
        List<String> order = List.copyOf(all);
        long[][] confusion = new long[order.size()][order.size()];
        for (int t = 0; t < order.size(); t++) {
            for (int p = 0; p < order.size(); p++) {
                confusion[t][p] = Math.round(e.getConfusionMatrix().confusion(new Label(order.get(p)), new Label(order.get(t))));
            }
        }
        ModelMetrics metrics = new ModelMetrics.Classification(on(test), evalRows.length, e.accuracy(),
                e.macroAveragedF1(), order, confusion);
        return new TrainedModel(spec, model, data.features, labels, metrics, train.length, test.length, skipped,
                spec.algorithm().onnxExportable() ? OnnxExport.export(model, spec.model()) : null);
    }

    private static TrainedModel regression(Encoded data, int[] train, int[] test, long skipped) {
        TrainSpec spec = data.table.spec();
        RegressionFactory factory = new RegressionFactory();
        Trainer<Regressor> trainer = switch (spec.algorithm()) {
            case LINEAR_REGRESSION -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
                    new AdaGrad(0.1, 0.1), spec.epochs(), Integer.MAX_VALUE, 1, spec.seed());
            case RANDOM_FOREST_REGRESSOR -> new RandomForestTrainer<>(new CARTRegressionTrainer(spec.maxDepth(), 5f, 0f,
                    data.featureFraction(), false, new MeanSquaredError(), spec.seed()), new AveragingCombiner(),
                    spec.trees(), spec.seed());
            default -> throw new IllegalStateException(spec.algorithm() + " is not a regressor");
        };
        FeatureSpec f = data.features;
        Model<Regressor> model = trainer.train(data.dataset(factory, train, r -> new Regressor(REGRESSION_DIMENSION,
                (data.table.numericTarget(r) - f.targetMean()) / f.targetScale())));
        int[] evalRows = test.length > 0 ? test : train;
        double squares = 0;
        double absolute = 0;
        double mean = 0;
        for (int r : evalRows) {
            mean += data.table.numericTarget(r);
        }
        mean /= evalRows.length;
        double total = 0;
        for (int r : evalRows) {
            double predicted = f.unscaleTarget(model.predict(data.example(r, factory.getUnknownOutput())).getOutput().getValues()[0]);
            double actual = data.table.numericTarget(r);
            squares += (predicted - actual) * (predicted - actual);
            absolute += Math.abs(predicted - actual);
            total += (actual - mean) * (actual - mean);
        }
        ModelMetrics metrics = new ModelMetrics.Regression(on(test), evalRows.length, Math.sqrt(squares / evalRows.length),
                absolute / evalRows.length, total == 0 ? 0 : 1 - squares / total);
        return new TrainedModel(spec, model, f, List.of(), metrics, train.length, test.length, skipped,
                spec.algorithm().onnxExportable() ? OnnxExport.export(model, spec.model()) : null);
    }

    private static TrainedModel anomaly(Encoded data, int[] train, int[] test, long skipped) {
        TrainSpec spec = data.table.spec();
        AnomalyFactory factory = new AnomalyFactory();
        boolean labelled = spec.target() != null;
        int[] normal = labelled ? Arrays.stream(train).filter(r -> !isAnomalous(data.table, r)).toArray() : train;
        libsvm.svm.svm_set_print_string_function(text -> { });
        SVMParameters<Event> params = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
        params.setNu(spec.nu());
        params.setGamma(1.0 / Math.max(1, data.features.width()));
        Model<Event> model = new LibSVMAnomalyTrainer(params, spec.seed())
                .train(data.dataset(factory, normal, r -> new Event(Event.EventType.EXPECTED)));
        int[] evalRows = test.length > 0 ? test : train;
        ModelMetrics metrics;
        if (labelled) {
            MutableDataset<Event> eval = data.dataset(factory, evalRows, r -> new Event(isAnomalous(data.table, r)
                    ? Event.EventType.ANOMALOUS : Event.EventType.EXPECTED));
            AnomalyEvaluation e = new AnomalyEvaluator().evaluate(model, eval);
            double flagged = e.getTruePositives() + e.getFalsePositives();
            metrics = new ModelMetrics.Anomaly(on(test), evalRows.length, flagged / evalRows.length, e.getPrecision(),
                    e.getRecall(), e.getF1());
        } else {
            long flagged = 0;
            for (int r : evalRows) {
                if (model.predict(data.example(r, factory.getUnknownOutput())).getOutput().getType() == Event.EventType.ANOMALOUS) {
                    flagged++;
                }
            }
            metrics = new ModelMetrics.Anomaly(on(test), evalRows.length, (double) flagged / evalRows.length, null, null, null);
        }
        return new TrainedModel(spec, model, data.features, List.of(), metrics, normal.length, test.length, skipped, null);
    }

    private static boolean isAnomalous(TrainingTable table, int row) {
        return "true".equalsIgnoreCase(table.textTarget(row));
    }

    private static TrainedModel clustering(Encoded data, int[] train, int[] test, long skipped) {
        TrainSpec spec = data.table.spec();
        ClusteringFactory factory = new ClusteringFactory();
        KMeansModel model = new KMeansTrainer(spec.clusters(), 100, KMeansTrainer.Distance.EUCLIDEAN,
                KMeansTrainer.Initialisation.PLUSPLUS, 1, spec.seed())
                .train(data.dataset(factory, train, r -> factory.getUnknownOutput()));
        DenseVector[] centroids = model.getCentroidVectors();
        int[] evalRows = test.length > 0 ? test : train;
        long[] sizes = new long[centroids.length];
        double distance = 0;
        double[] v = new double[data.features.width()];
        for (int r : evalRows) {
            int id = model.predict(data.example(r, factory.getUnknownOutput())).getOutput().getID();
            sizes[id]++;
            data.table.encode(data.features, data.positions, r, v);
            distance += DenseVector.createDenseVector(v).euclideanDistance(centroids[id]);
        }
        ModelMetrics metrics = new ModelMetrics.Clustering(on(test), evalRows.length, centroids.length, sizes,
                distance / evalRows.length);
        return new TrainedModel(spec, model, data.features, List.of(), metrics, train.length, test.length, skipped, null);
    }

    private static String on(int[] test) {
        return test.length > 0 ? "test" : "train";
    }

    /** The table's rows as Tribuo examples under one feature spec. */
    private static final class Encoded {
        final TrainingTable table;
        final FeatureSpec features;
        final List<Map<String, Integer>> positions;
        final String[] names;

        Encoded(TrainingTable table, FeatureSpec features) {
            this.table = table;
            this.features = features;
            this.positions = features.categoryPositions();
            this.names = features.featureNames();
        }

        /** Random forests consider sqrt(width) features per split, as is customary. */
        float featureFraction() {
            int w = Math.max(1, features.width());
            return (float) Math.min(1.0, Math.max(1.0, Math.sqrt(w)) / w);
        }

        <T extends Output<T>> ArrayExample<T> example(int row, T output) {
            double[] v = new double[names.length];
            table.encode(features, positions, row, v);
            return new ArrayExample<>(output, names, v);
        }

        <T extends Output<T>> MutableDataset<T> dataset(OutputFactory<T> factory, int[] rows,
                                                        java.util.function.IntFunction<T> output) {
            MutableDataset<T> d = new MutableDataset<>(new SimpleDataSourceProvenance("doe:" + table.spec().model(), factory), factory);
            for (int r : rows) {
                d.add(example(r, output.apply(r)));
            }
            return d;
        }
    }
}
