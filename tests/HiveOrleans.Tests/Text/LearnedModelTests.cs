using HiveOrleans.Moderation.Text.Learned;

namespace HiveOrleans.Tests.Text;

public sealed class LearnedModelTests
{
    [Fact]
    public void A_texts_probabilities_are_the_logistic_of_its_scaled_weights_plus_the_bias()
    {
        // Two features with weights (one on either side of a 64-slot word boundary, to exercise the rank table),
        // one feature never trained.
        int known = 5_000, alsoKnown = 130_001, unseen = 77;
        var columns = Enumerable.Range(0, LearnedOutputs.Count).Select(_ => new float[FeatureHash.Size]).ToArray();
        for (var k = 0; k < LearnedOutputs.Count; k++)
        {
            columns[k][known] = k * 0.1f;
            columns[k][alsoKnown] = -0.5f;
            columns[k][LearnedTrainer.Bias] = 0.25f;
        }

        var model = new LearnedModel(columns, new float[LearnedOutputs.Count]);
        var features = new List<int> { unseen, known, alsoKnown, LearnedTrainer.Bias };
        features.Sort();
        var probabilities = new float[LearnedOutputs.Count];

        model.Probabilities(features, probabilities);

        Assert.Equal(2, model.Features);
        var scale = 1 / MathF.Sqrt(3); // four features, the bias not counted
        for (var k = 0; k < LearnedOutputs.Count; k++)
        {
            var weight = (float)(Half)(k * 0.1f); // weights are kept at half precision, as the model file has them
            var logit = ((weight - 0.5f) * scale) + 0.25f;
            Assert.Equal(1 / (1 + MathF.Exp(-logit)), probabilities[k], 5);
        }
    }

    [Fact]
    public void Severity_is_the_highest_level_whose_output_clears_its_threshold()
    {
        var thresholds = Enumerable.Repeat(0.5f, LearnedOutputs.Count).ToArray();
        var model = new LearnedModel([.. Enumerable.Range(0, LearnedOutputs.Count).Select(_ => new float[FeatureHash.Size])], thresholds);
        var probabilities = new float[LearnedOutputs.Count];
        probabilities[LearnedOutputs.Of(2, 1)] = 0.9f;
        probabilities[LearnedOutputs.Of(2, 2)] = 0.6f;
        probabilities[LearnedOutputs.Of(2, 3)] = 0.4f;
        probabilities[LearnedOutputs.Of(6, 3)] = 0.7f;

        Assert.Equal(2, model.Severity(2, probabilities));
        Assert.Equal(0, model.Severity(0, probabilities));
        Assert.Equal(3, model.Severity(6, probabilities));
        Assert.Equal(0, model.Severity(9, probabilities)); // gibberish is not the layer's
    }
}
