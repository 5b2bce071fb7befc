using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.History.Restore;

public sealed record RestoreFieldsPayload
{
    [Required, Description("The kind of record: Lead, Contact, Account or Deal.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that record.")]
    public Guid RecordId { get; init; }
    [Required, Description("The moment the values come from (ISO 8601).")]
    public DateTimeOffset AsOf { get; init; }
    [Required, MinLength(1), Description("The fields to set back, each with the value it had then (null: it was empty).")]
    public IReadOnlyList<RestoredValue> Fields { get; init; } = [];
}

public sealed record RestoredValue
{
    [Required, StringLength(64, MinimumLength = 1), Description("The field's stored name, e.g. amount, stage, email.")]
    public string Field { get; init; } = "";
    [StringLength(4000), Description("The value it had then, as text (numbers with a dot, dates as yyyy-MM-dd); absent when it was empty.")]
    public string? Value { get; init; }
}

/// <summary>
/// Sets fields of a record back to the values they had at an earlier moment, as a person asked from the record's history.
/// It is a suggestion like any other: a person (or a policy an Admin approved) applies it through safe apply, and a record
/// that changed since the request is a conflict to review. An archived record is not restored: it is brought back first.
/// </summary>
public sealed class RestoreFieldsTool : MutationTool<RestoreFieldsPayload>
{
    public const string ToolName = "restore_fields";
    public override string Name => ToolName;
    public override string Description => "Sets fields of a lead, contact, account or deal back to the values they had at an earlier moment (a restore a person asked for).";
    public override string Permission => ToolPermissions.WriteRecords;
    // It can undo colleagues' edits: never on its own unless an Admin's policy says so.
    public override ToolRisk Risk => ToolRisk.High;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, RestoreFieldsPayload p, CancellationToken ct)
    {
        if (p.Fields.GroupBy(f => f.Field).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw InputInvalid.For("fields", $"'{twice.Key}' is named twice.");
        if (await ArchivedRecords.WhyArchivedAsync(c.Db, p.RecordType, p.RecordId, ct) is { } archived) throw new DomainRuleViolation(archived);
        var record = await TargetRecords.LoadForChangeAsync(c, p.RecordType, p.RecordId, ct);
        var values = p.Fields.ToDictionary(f => f.Field, f => f.Value);
        await EnsureValuesOfThenAsync(c, p, values, ct);
        var write = await RecordFields.PlanWriteAsync(c, record, values, ct);
        var names = string.Join(", ", values.Keys);
        return new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record),
            $"Restore {names} as of {p.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC", () =>
            {
                write();
                return null;
            });
    }

    private sealed record Then(string Field, string? Value);

    /// <summary>
    /// A restore sets fields back to what they were: each value must be the one the history holds for that moment (so
    /// nobody — a model, an edited payload — can pass another write off as a restore).
    /// </summary>
    private static async Task EnsureValuesOfThenAsync(ToolContext c, RestoreFieldsPayload p, Dictionary<string, string?> values, CancellationToken ct)
    {
        var fields = values.Keys.ToArray();
        var then = (await c.Db.Database.SqlQuery<Then>($"""
            SELECT f.key AS field, ((array_agg(e.changes -> f.key -> 1 ORDER BY e.id DESC))[1])::text AS value
            FROM change_events e CROSS JOIN LATERAL jsonb_object_keys(e.changes) AS f(key)
            WHERE e.record_id = {p.RecordId} AND e.record_type = {p.RecordType.ToString()} AND f.key = ANY({fields})
              AND e.id <= (SELECT max(id) FROM change_events WHERE record_id = {p.RecordId} AND record_type = {p.RecordType.ToString()} AND at <= {p.AsOf})
            GROUP BY f.key
            """).ToListAsync(ct)).ToDictionary(t => t.Field, t => RecordFields.Text(t.Value is null ? null : System.Text.Json.Nodes.JsonNode.Parse(t.Value)));
        if (values.FirstOrDefault(v => !RecordFields.Same(v.Value, then.GetValueOrDefault(v.Key))) is { Key: { } wrong })
            throw InputInvalid.For("fields", $"'{wrong}' was not '{values[wrong]}' at {p.AsOf:O}: a restore sets fields back to what they were then.");
    }
}
