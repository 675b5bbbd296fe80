package com.doe.ml.score;

import com.doe.ml.Task;
import com.doe.ml.train.FeatureSpec;
import java.util.Arrays;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Scores with a Tribuo model in process. Outputs: classification, the class and its probability (or
 * vote share for forests); regression, the value in the target's units; anomaly, {@code anomalous} or
 * {@code expected} and the decision score; clustering, the cluster id and Tribuo's score.
 * Thread-safe (Tribuo models predict without shared mutable state).
 */
public final class TribuoScorer implements Scorer {

    private final Model<?> model;
    private final FeatureSpec features;
    private final Task task;
    private final String[] names;

    public TribuoScorer(Model<?> model, FeatureSpec features, Task task) {
        this.model = model;
        this.features = features;
        this.task = task;
        this.names = features.featureNames();
    }

    @Override
    public int width() {
        return names.length;
    }

    @Override
    public boolean givesLabels() {
        return task != Task.REGRESSION;
    }

    @Override
    public void score(double[] x, int rows, String[] labels, double[] scores) {
        for (int r = 0; r < rows; r++) {
            double[] v = Arrays.copyOfRange(x, r * names.length, (r + 1) * names.length);
            Prediction<?> p = predict(v);
            Output<?> o = p.getOutput();
            if (o instanceof Label l) {
                labels[r] = l.getLabel();
                scores[r] = l.getScore();
            } else if (o instanceof Regressor reg) {
                labels[r] = null;
                scores[r] = features.unscaleTarget(reg.getValues()[0]);
            } else if (o instanceof Event e) {
                labels[r] = e.getType() == Event.EventType.ANOMALOUS ? "anomalous" : "expected";
                scores[r] = e.getScore();
            } else if (o instanceof ClusterID c) {
                labels[r] = Integer.toString(c.getID());
                scores[r] = c.getScore();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Prediction<?> predict(double[] v) {
        Output unknown = switch (task) {
            case CLASSIFICATION -> LabelFactory.UNKNOWN_LABEL;
            case REGRESSION -> RegressionFactory.UNKNOWN_REGRESSOR;
            case ANOMALY -> AnomalyFactory.UNKNOWN_EVENT;
            case CLUSTERING -> ClusteringFactory.UNASSIGNED_CLUSTER_ID;
        };
        Example example = new ArrayExample(unknown, names, v);
        return ((Model) model).predict(example);
    }
}
