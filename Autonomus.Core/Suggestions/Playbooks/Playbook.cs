using System.Globalization;
using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Autonomus.Core.Localization;
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

    /// <summary>A text of this playbook in the organisation's language.</summary>
    protected static string T(TriggerFacts f, string key, params object?[] arguments) => CoreText.Playbook(Culture(f), key, arguments);

    /// <summary>An enum value as the organisation's people read it ("Negociación").</summary>
    protected static string Name<T>(TriggerFacts f, T value) where T : struct, Enum => CoreText.Enum(value, Culture(f));

    /// <summary>"last touch: call on 2026-11-10 by Ana Pérez", or "no activity recorded" (in the organisation's language).</summary>
    protected static string Touch(TriggerFacts f) => f.LastTouch is not { } touch
        ? T(f, "Touch.None")
        : touch.ByName is { } by
            ? T(f, "Touch.LastBy", Name(f, touch.Type).ToLower(Culture(f)), Day(f, touch.At), by)
            : T(f, "Touch.Last", Name(f, touch.Type).ToLower(Culture(f)), Day(f, touch.At));

    /// <summary>A day as the organisation writes it: 2026-11-30 in English, 30-11-2026 in Chile.</summary>
    protected static string Day(TriggerFacts f, DateTimeOffset at) => at.UtcDateTime.ToString(T(f, "DateFormat"), CultureInfo.InvariantCulture);

    protected static string Day(TriggerFacts f, DateOnly day) => day.ToString(T(f, "DateFormat"), CultureInfo.InvariantCulture);

    /// <summary>An amount as the organisation writes it: 1,234,567 / 1.234.567.</summary>
    protected static string Amount(TriggerFacts f, decimal amount) => amount.ToString("N0", Culture(f));

    private static CultureInfo Culture(TriggerFacts f) => CultureInfo.GetCultureInfo(f.Culture);

    /// <summary>The next working day at 14:00 UTC: a follow-up lands in office hours, never on a weekend.</summary>
    protected static DateTimeOffset NextWorkingDay(DateTimeOffset now, int days = 1)
    {
        var day = now.UtcDateTime.Date.AddDays(days);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return new DateTimeOffset(day.AddHours(14), TimeSpan.Zero);
    }

    protected static RecordType TypeOf(CrmRecord record) => TargetRecords.TypeOf(record);
}
