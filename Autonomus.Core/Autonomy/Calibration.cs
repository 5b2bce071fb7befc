namespace Autonomus.Core.Autonomy;

/// <summary>
/// Bayesian histogram binning: the engine's confidence falls in a decile; the calibrated confidence is that decile's
/// observed success rate under a Beta prior centred on the engine's own confidence with the weight of
/// <see cref="PriorWeight"/> decisions, so a bin with a handful of outcomes moves only part of the way and a bin with
/// hundreds says what happened. A decile with no outcomes borrows the whole action's. No outcomes at all: not calibrated
/// (null), and the raw confidence is shown as such. (Zadrozny and Elkan 2001, histogram binning; Naeini, Cooper and
/// Hauskrecht 2015, Bayesian binning into quantiles.)
/// </summary>
public sealed class Calibration(IReadOnlyList<CalibrationBin> bins)
{
    public const int Bins = 10;
    public const decimal PriorWeight = 2m;

    public static int BinOf(decimal confidence) => Math.Clamp((int)Math.Floor(confidence * Bins), 0, Bins - 1);

    public int Samples => bins.Sum(b => b.Samples);

    public decimal? Calibrate(decimal raw)
    {
        var samples = Samples;
        if (samples == 0) return null;
        var bin = bins.FirstOrDefault(b => b.Bin == BinOf(raw) && b.Samples > 0);
        var (n, s) = bin is null ? (samples, bins.Sum(b => b.Successes)) : (bin.Samples, bin.Successes);
        return Math.Round((s + PriorWeight * raw) / (n + PriorWeight), 3);
    }

    /// <summary>Expected calibration error of the engine's own confidence: Σ nᵦ/N · |mean confidenceᵦ − observedᵦ|.</summary>
    public decimal? RawError => Error(b => b.MeanRaw);

    /// <summary>The same error once calibrated (what the queue shows).</summary>
    public decimal? CalibratedError => Error(b => Calibrate(b.MeanRaw) ?? b.MeanRaw);

    private decimal? Error(Func<CalibrationBin, decimal> shown)
    {
        var samples = Samples;
        if (samples == 0) return null;
        return Math.Round(bins.Where(b => b.Samples > 0).Sum(b => (decimal)b.Samples / samples * Math.Abs(shown(b) - b.Observed)), 4);
    }
}
