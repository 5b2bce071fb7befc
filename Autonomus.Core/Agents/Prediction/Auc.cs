namespace Autonomus.Core.Agents.Prediction;

/// <summary>
/// The area under the ROC curve: the probability that a random positive is ranked above a random negative (ties count
/// half), computed by ranks (Mann–Whitney U) so the model's probabilities and the hand score are measured the same way.
/// </summary>
public static class Auc
{
    public static double Of(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("The AUC needs both outcomes.");
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1; // ties share their average rank
            for (var k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        var positiveRanks = Enumerable.Range(0, scores.Count).Where(i => labels[i]).Sum(i => ranks[i]);
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
