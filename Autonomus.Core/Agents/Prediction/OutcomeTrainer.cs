using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>The chance of the good outcome, as ML.NET writes it.</summary>
public sealed class OutcomePrediction
{
    public float Probability { get; set; }
}

/// <summary>
/// ML.NET gradient-boosted trees (FastTree, binary) over a prediction's categorical features (one-hot) and numeric ones.
/// Seeded, so the same outcomes give the same model.
/// </summary>
public static class OutcomeTrainer
{
    public static MLContext NewContext() => new(seed: 2026);

    public static ITransformer Train<TRow>(MLContext ml, IPredictionShape shape, IEnumerable<TRow> rows) where TRow : class, IOutcomeRow
    {
        var oneHot = shape.Categorical.Select(c => new InputOutputColumnPair(c + "OneHot", c)).ToArray();
        var pipeline = ml.Transforms.Categorical.OneHotEncoding(oneHot)
            .Append(ml.Transforms.Concatenate("Features", [.. oneHot.Select(c => c.OutputColumnName), .. shape.Numeric]))
            .Append(ml.BinaryClassification.Trainers.FastTree(labelColumnName: nameof(IOutcomeRow.Label), featureColumnName: "Features",
                numberOfLeaves: 8, numberOfTrees: 80, minimumExampleCountPerLeaf: 10, learningRate: 0.1));
        return pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    /// <summary>Each row's probability of the good outcome, in the rows' order, in one batch.</summary>
    public static float[] Predict<TRow>(MLContext ml, ITransformer model, IEnumerable<TRow> rows) where TRow : class, IOutcomeRow =>
        ml.Data.CreateEnumerable<OutcomePrediction>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false)
            .Select(p => float.IsNaN(p.Probability) ? 0f : p.Probability).ToArray();

    public static byte[] Save<TRow>(MLContext ml, ITransformer model) where TRow : class, IOutcomeRow
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<TRow>()).Schema, stream);
        return stream.ToArray();
    }

    public static ITransformer Load(MLContext ml, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return ml.Model.Load(stream, out _);
    }
}
