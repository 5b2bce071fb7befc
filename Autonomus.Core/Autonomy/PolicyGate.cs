using Autonomus.Core.Policies;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Autonomy;

/// <summary>Why a suggestion is or is not applied without a person (caps are counted later, under a lock, in the apply).</summary>
public enum GateVerdict
{
    Apply,
    /// <summary>The action's mode is suggest (or off): a person decides.</summary>
    ModeSuggests,
    BelowConfidenceFloor,
    AboveRiskCeiling,
    NeverAuto,
    QuietHours,
}

/// <summary>
/// The conditions of a policy that can be read from the suggestion alone: mode, risk, calibrated confidence and quiet
/// hours (in the organisation's time zone, so a window across midnight or a DST change means the same wall-clock hours).
/// The same rules, with the mode taken as auto, give shadow mode's "would have applied".
/// </summary>
public static class PolicyGate
{
    public static GateVerdict Evaluate(PolicyRules rules, ToolRisk risk, decimal confidence, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (rules.Mode is not (PolicyMode.AutoWithUndo or PolicyMode.Auto)) return GateVerdict.ModeSuggests;
        if (risk == ToolRisk.NeverAuto) return GateVerdict.NeverAuto;
        if (rules.RiskCeiling is { } ceiling && risk > ceiling) return GateVerdict.AboveRiskCeiling;
        if (rules.ConfidenceFloor is { } floor && confidence < floor) return GateVerdict.BelowConfidenceFloor;
        if (InQuietHours(rules, now, zone)) return GateVerdict.QuietHours;
        return GateVerdict.Apply;
    }

    /// <summary>Shadow mode: what the policy would decide were its action in auto-with-undo.</summary>
    public static bool WouldApply(PolicyRules rules, ToolRisk risk, decimal confidence, DateTimeOffset now, TimeZoneInfo zone) =>
        Evaluate(rules with { Mode = PolicyMode.AutoWithUndo }, risk, confidence, now, zone) == GateVerdict.Apply;

    /// <summary>From inclusive, to exclusive; a window whose end is before its start spans midnight (22:00–07:00).</summary>
    public static bool InQuietHours(PolicyRules rules, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (rules is not { QuietFrom: { } from, QuietTo: { } to }) return false;
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return from < to ? local >= from && local < to : local >= from || local < to;
    }

    public static TimeZoneInfo Zone(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The zone's IANA name, as PostgreSQL's AT TIME ZONE knows it (a Windows name is converted; unknown: UTC).</summary>
    public static string IanaId(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? iana
        : id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : "UTC";
}
