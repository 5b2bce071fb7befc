using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// The policies, calibration and time zone a batch of proposals is decided with, read once per batch (three small
/// queries): every suggestion of the batch is judged by the same policy versions, which its entries then name.
/// </summary>
public sealed class BatchPolicies
{
    private readonly Dictionary<(string, string), AutonomyPolicy> _policies;
    private readonly ILookup<(string, string, string), CalibrationBin> _bins;
    private readonly TimeZoneInfo _zone;
    private readonly int _undoWindowHours;

    private BatchPolicies(Dictionary<(string, string), AutonomyPolicy> policies, ILookup<(string, string, string), CalibrationBin> bins, TimeZoneInfo zone, int undoWindowHours) =>
        (_policies, _bins, _zone, _undoWindowHours) = (policies, bins, zone, undoWindowHours);

    public static async Task<BatchPolicies> LoadAsync(ICrmDb db, Guid tenantId, int undoWindowHours, CancellationToken ct)
    {
        var policies = (await ManagePolicies.CurrentAsync(db, ct)).ToDictionary(p => (p.Agent, p.Action));
        var bins = (await db.CalibrationBins.AsNoTracking().ToListAsync(ct)).ToLookup(b => (b.Agent, b.Action, b.Engine));
        var zone = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZone).SingleAsync(ct);
        return new BatchPolicies(policies, bins, PolicyGate.Zone(zone), undoWindowHours);
    }

    public PolicyRules RulesFor(string agent, string action) => _policies.GetValueOrDefault((agent, action))?.Rules ?? PolicyRules.Default;

    /// <summary>An action whose policy is off is not proposed at all.</summary>
    public bool Proposes(string agent, string action) => RulesFor(agent, action).Mode != PolicyMode.Off;

    public Calibration CalibrationOf(string agent, string action, string engine) => new(_bins[(agent, action, engine)].ToList());

    /// <summary>
    /// Calibrates the new suggestion's confidence, records shadow mode's verdict while its action is in suggest, and returns
    /// the grant to apply it on its own when its policy lets it (caps are counted in the apply, under a lock).
    /// </summary>
    public PolicyGrant? Decide(Suggestion s, IMutationTool tool, DateTimeOffset now)
    {
        s.CalibratedConfidence = CalibrationOf(s.Agent, s.Tool, s.Engine).Calibrate(s.Confidence);
        var policy = _policies.GetValueOrDefault((s.Agent, s.Tool));
        var rules = policy?.Rules ?? PolicyRules.Default;
        if (rules.Mode == PolicyMode.Suggest)
        {
            s.ShadowAutoApply = PolicyGate.WouldApply(rules, tool.Risk, s.EffectiveConfidence, now, _zone);
            return null;
        }
        return policy is not null && PolicyGate.Evaluate(rules, tool.Risk, s.EffectiveConfidence, now, _zone) == GateVerdict.Apply
            ? PolicyGrant.Of(policy, _undoWindowHours, _zone)
            : null;
    }
}
