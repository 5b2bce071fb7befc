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
        var created = plan.Execute();
        var after = RecordSnapshot.Of(plan.Target);
        var recordName = plan.TargetRef.Type.ToString();
        var fields = before.Zip(after, (b, a) => new FieldChange(recordName, b.Field, b.Value, a.Value, b.IsText)).ToList();
        if (created is not null)
            fields.AddRange(RecordSnapshot.Of(created).Select(f => new FieldChange($"New {TargetRecords.TypeOf(created)}", f.Field, null, f.Value, f.IsText)));
        return (created, fields);
    }

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
