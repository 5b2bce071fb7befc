using System.Globalization;
using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Suggestions.Playbooks;

/// <summary>What every playbook shares: its engine name, facts read from the trigger, and phrasing.</summary>
public abstract class Playbook : IPlaybook
{
    public abstract string TriggerType { get; }
    public virtual int Version => 1;
    public string Engine => $"playbook:{TriggerType}@{Version}";

    public abstract ProposedAction? Propose(TriggerFacts facts);

    protected ProposedAction Action(string tool, object payload, string summary, string reasoning, decimal confidence, SuggestionPriority priority) =>
        new(tool, ToolPayloads.Write(payload), summary, reasoning, confidence, priority, Engine);

    protected static int Int(JsonObject context, string key) => context[key]?.GetValue<int>() ?? 0;
    protected static string? Str(JsonObject context, string key) => context[key]?.ToString();

    /// <summary>"last touch: call on 2026-11-10 by Ana Pérez", or "no activity recorded".</summary>
    protected static string Touch(LastTouch? touch) => touch is null
        ? "no activity recorded"
        : $"last touch: {touch.Type.ToString().ToLowerInvariant()} on {Day(touch.At)}{(touch.ByName is { } by ? $" by {by}" : "")}";

    protected static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The next working day at 14:00 UTC: a follow-up lands in office hours, never on a weekend.</summary>
    protected static DateTimeOffset NextWorkingDay(DateTimeOffset now, int days = 1)
    {
        var day = now.UtcDateTime.Date.AddDays(days);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return new DateTimeOffset(day.AddHours(14), TimeSpan.Zero);
    }

    protected static RecordType TypeOf(CrmRecord record) => TargetRecords.TypeOf(record);
}
