using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>The lead's predicted chance of converting, as ML.NET writes it.</summary>
public sealed class LeadPrediction
{
    public float Probability { get; set; }
}

/// <summary>
/// ML.NET gradient-boosted trees (FastTree, binary) over the lead's source (one-hot) and how it was worked. Seeded, so the
/// same outcomes give the same model.
/// </summary>
public static class LeadScoreTrainer
{
    private static readonly string[] Numeric =
    [
        nameof(LeadFeatureRow.HasCompany), nameof(LeadFeatureRow.HasEmail), nameof(LeadFeatureRow.HasPhone), nameof(LeadFeatureRow.Activities),
        nameof(LeadFeatureRow.Calls), nameof(LeadFeatureRow.Meetings), nameof(LeadFeatureRow.Emails), nameof(LeadFeatureRow.FastResponse),
    ];

    public static MLContext NewContext() => new(seed: 2026);

    public static ITransformer Train(MLContext ml, IEnumerable<LeadFeatureRow> rows)
    {
        var pipeline = ml.Transforms.Categorical.OneHotEncoding("SourceOneHot", nameof(LeadFeatureRow.Source))
            .Append(ml.Transforms.Concatenate("Features", ["SourceOneHot", .. Numeric]))
            .Append(ml.BinaryClassification.Trainers.FastTree(labelColumnName: nameof(LeadFeatureRow.Label), featureColumnName: "Features",
                numberOfLeaves: 8, numberOfTrees: 80, minimumExampleCountPerLeaf: 10, learningRate: 0.1));
        return pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    /// <summary>Each row's probability of converting, in the rows' order, in one batch.</summary>
    public static float[] Predict(MLContext ml, ITransformer model, IEnumerable<LeadFeatureRow> rows) =>
        ml.Data.CreateEnumerable<LeadPrediction>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false)
            .Select(p => float.IsNaN(p.Probability) ? 0f : p.Probability).ToArray();

    public static byte[] Save(MLContext ml, ITransformer model)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<LeadFeatureRow>()).Schema, stream);
        return stream.ToArray();
    }

    public static ITransformer Load(MLContext ml, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return ml.Model.Load(stream, out _);
    }
}
