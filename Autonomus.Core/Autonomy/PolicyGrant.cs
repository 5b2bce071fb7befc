using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// One policy version's permission to apply its action without a person: the actor every entry it causes names
/// (<c>policy:&lt;agent&gt;/&lt;action&gt;@v&lt;N&gt;</c>), its undo window, and its caps: per clock hour and per day of
/// the organisation on the action's <see cref="PolicyUsage"/> row, per record per day counted, so that proposers on
/// several nodes never exceed them together.
/// </summary>
public sealed record PolicyGrant(string Agent, string Action, int Version, PolicyRules Rules, TimeSpan? UndoWindow, TimeZoneInfo? Zone = null)
{
    public string Name => $"policy:{Agent}/{Action}@v{Version}";

    public LedgerActor Actor => new("policy", null, Name);

    public static PolicyGrant Of(AutonomyPolicy policy, int undoWindowHours, TimeZoneInfo zone) =>
        new(policy.Agent, policy.Action, policy.Version, policy.Rules,
            policy.Mode == PolicyMode.AutoWithUndo ? TimeSpan.FromHours(undoWindowHours) : null, zone);

    /// <summary>
    /// Any cap: the statement that locks the suggestion then also takes the action's usage row (counting hour and day on
    /// it), so appliers of the action take turns and the per-record count that follows sees what the previous one committed.
    /// </summary>
    public bool HasCaps => Rules is not { MaxPerHour: null, MaxPerDay: null, MaxPerRecordPerDay: null };

    /// <summary>When the organisation's day that <paramref name="now"/> falls in began (midnight there; DST-aware).</summary>
    public DateTimeOffset DayStartAt(DateTimeOffset now)
    {
        var zone = Zone ?? TimeZoneInfo.Utc;
        var midnight = TimeZoneInfo.ConvertTime(now, zone).Date;
        // A midnight skipped by a clock change (it happens in some zones) counts from the first valid minute after it.
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The clock hour and the organisation's day that <paramref name="now"/> falls in (the caps' windows).</summary>
    public (DateTimeOffset Hour, DateOnly Day) WindowsAt(DateTimeOffset now) =>
        (new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero),
         DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone ?? TimeZoneInfo.Utc).DateTime));

    /// <summary>
    /// Why this apply would exceed the per-record cap, or null. Runs after the suggestion's lock statement, which also took
    /// the action's usage row: appliers of the action count one after another and see each other's commits.
    /// </summary>
    public async Task<string?> ExceededRecordCapAsync(ICrmDb db, Suggestion s, DateTimeOffset now, CancellationToken ct)
    {
        if (Rules.MaxPerRecordPerDay is not { } max) return null;
        var dayStart = DayStartAt(now);
        var applied = await db.Suggestions.CountAsync(x => x.RecordType == s.RecordType && x.RecordId == s.RecordId && x.Agent == Agent && x.Tool == Action
            && x.AppliedByPolicy != null && x.AppliedAt >= dayStart, ct);
        return applied >= max ? $"the cap of {max} per record per day is reached" : null;
    }

    /// <summary>Which window's cap the usage row had reached when the lock statement refused (read only on that path).</summary>
    public async Task<string> ReachedWindowCapAsync(ICrmDb db, DateTimeOffset now, CancellationToken ct)
    {
        var (hour, day) = WindowsAt(now);
        var usage = await db.PolicyUsage.AsNoTracking().SingleOrDefaultAsync(u => u.Agent == Agent && u.Action == Action, ct);
        return Rules.MaxPerHour is { } perHour && usage?.HourStart == hour && usage.HourCount >= perHour
            ? $"the cap of {perHour} per hour is reached"
            : $"the cap of {Rules.MaxPerDay} per day is reached";
    }

}
