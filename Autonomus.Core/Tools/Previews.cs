using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Tools;

/// <summary>
/// Runs a plan in memory and compares the target before and after (plus any record it creates), field by field.
/// The caller throws the unit of work away afterwards, so a preview never writes.
/// </summary>
public static class Previews
{
    public static async Task<ToolPreview> ExecuteAndCompareAsync(ICrmDb db, ToolPlan plan, CancellationToken ct)
    {
        var (_, fields) = ExecuteAndCompare(plan);
        return new ToolPreview(plan.Tool, plan.TargetRef, plan.TargetVersion, plan.TargetLabel, plan.Summary,
            await NameOwnersAsync(db, fields, ct));
    }

    /// <summary>
    /// Runs the plan (in memory) and lists the target's fields before and after, then any record it created (before:
    /// nothing). The preview shows this; the apply records the target's changed fields from it.
    /// </summary>
    public static (CrmRecord? Created, List<FieldChange> Fields) ExecuteAndCompare(ToolPlan plan)
    {
        var before = RecordSnapshot.Of(plan.Target);
        var merged = plan.Merged is { } m ? RecordSnapshot.Of(m) : null;
        var created = plan.Execute();
        var after = RecordSnapshot.Of(plan.Target);
        var recordName = plan.TargetRef.Type.ToString();
        var fields = before.Zip(after, (b, a) => new FieldChange(recordName, b.Field, b.Value, a.Value, b.IsText)).ToList();
        // A merge: the record merged away, field by field (it is archived: nothing of it remains live).
        if (merged is not null) fields.AddRange(merged.Select(f => new FieldChange(MergedRecord(recordName), f.Field, f.Value, null, f.IsText)));
        if (created is not null)
            fields.AddRange(RecordSnapshot.Of(created).Select(f => new FieldChange($"New {TargetRecords.TypeOf(created)}", f.Field, null, f.Value, f.IsText)));
        return (created, fields);
    }

    /// <summary>The <see cref="FieldChange.Record"/> of the fields of the record a merge archives ("Merged Contact").</summary>
    public static string MergedRecord(string recordType) => $"Merged {recordType}";

    private static async Task<IReadOnlyList<FieldChange>> NameOwnersAsync(ICrmDb db, List<FieldChange> fields, CancellationToken ct)
    {
        var ids = fields.Where(f => f.Field == RecordSnapshot.OwnerField)
            .SelectMany(f => new[] { f.Before, f.After }).OfType<string>().Select(Guid.Parse).Distinct().ToList();
        if (ids.Count == 0) return fields;
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(), u => u.DisplayName, ct);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, "(unknown user)");
        return fields.Select(f => f.Field == RecordSnapshot.OwnerField ? f with { Before = Name(f.Before), After = Name(f.After) } : f).ToList();
    }
}
