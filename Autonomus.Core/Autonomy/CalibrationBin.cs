using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// One decile of an organisation's decided suggestions for an agent × action × engine: how many, what they taught in
/// total (see <see cref="Outcomes"/>) and the sum of the engine's own confidences. Rebuilt whole by
/// <see cref="RefreshCalibration"/>; read to calibrate new suggestions and to draw the reliability table.
/// </summary>
public sealed class CalibrationBin : ITenantOwned
{
    private CalibrationBin() { }

    public CalibrationBin(Guid tenantId, string agent, string action, string engine, int bin, int samples, decimal successes, decimal rawSum, DateTimeOffset refreshedAt) =>
        (TenantId, Agent, Action, Engine, Bin, Samples, Successes, RawSum, RefreshedAt) = (tenantId, agent, action, engine, bin, samples, successes, rawSum, refreshedAt);

    public Guid TenantId { get; set; }
    public string Agent { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Engine { get; private set; } = "";
    /// <summary>0 for confidence [0, 0.1), …, 9 for [0.9, 1].</summary>
    public int Bin { get; private set; }
    public int Samples { get; private set; }
    public decimal Successes { get; private set; }
    public decimal RawSum { get; private set; }
    public DateTimeOffset RefreshedAt { get; private set; }

    public decimal Observed => Samples == 0 ? 0 : Successes / Samples;
    public decimal MeanRaw => Samples == 0 ? 0 : RawSum / Samples;
}
