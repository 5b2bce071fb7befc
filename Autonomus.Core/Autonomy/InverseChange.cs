using System.Globalization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// Puts back what an applied action did, from its recorded result: the fields it changed on its target return to their
/// values before, and a record it created is removed. Only when nothing has moved since: the target still at the version
/// the apply left it at, the created record untouched (version 1). Otherwise it is a conflict, with what differs, and
/// nothing is changed.
/// </summary>
public sealed class InverseChange
{
    private readonly List<Action> _steps = [];

    private InverseChange(CrmRecord target) => Target = target;

    public CrmRecord Target { get; }
    /// <summary>Fields whose value now differs from what the apply left (the conflict's diff); empty when it can be undone.</summary>
    public IReadOnlyList<FieldChange> Moved { get; private init; } = [];
    public bool IsConflict => Moved.Count > 0;
    public IReadOnlyList<FieldChange> Restored { get; private init; } = [];
    public RecordRef? Removed { get; private init; }

    public static async Task<InverseChange> PlanAsync(ICrmDb db, ToolResult applied, DateTimeOffset now, CancellationToken ct)
    {
        var target = await RecordLookup.FindAsync(db, applied.Target.Type, applied.Target.Id, ct)
            ?? throw new RecordNotFound(applied.Target.Type.ToString(), applied.Target.Id);
        var created = applied.Created is { } c ? await RecordLookup.FindAsync(db, c.Type, c.Id, ct) : null;
        var recordName = applied.Target.Type.ToString();
        var changes = applied.Changes.Where(f => f.Record == recordName && f.Changed).ToList();

        if (target.Version != applied.TargetVersion || (applied.Created is not null && created is not { Version: 1 }))
        {
            var current = RecordSnapshot.Of(target).ToDictionary(f => f.Field, f => f.Value);
            var moved = changes.Select(f => new FieldChange(recordName, f.Field, f.After, current.GetValueOrDefault(f.Field)))
                .Where(f => f.Changed).ToList();
            if (applied.Created is { } made)
                moved.Add(new FieldChange($"New {made.Type}", "Record", "created by the action", created is null ? "removed since" : $"changed since (version {created.Version})"));
            if (moved.Count == 0) moved.Add(new FieldChange(recordName, "Version", applied.TargetVersion?.ToString(CultureInfo.InvariantCulture), target.Version.ToString(CultureInfo.InvariantCulture)));
            return new InverseChange(target) { Moved = moved };
        }

        var inverse = new InverseChange(target) { Restored = changes, Removed = applied.Created };
        foreach (var change in changes) inverse._steps.Add(Restore(target, change, now));
        if (created is Activity activity) inverse._steps.Add(() => db.Activities.Remove(activity));
        else if (created is not null) throw new DomainRuleViolation($"A created {applied.Created!.Type} cannot be removed by an undo.");
        return inverse;
    }

    public void Execute()
    {
        if (IsConflict) throw new DomainRuleViolation("The record changed since; nothing is undone.");
        foreach (var step in _steps) step();
    }

    /// <summary>The fields an undoable action may change, each put back through the record's own methods.</summary>
    private static Action Restore(CrmRecord target, FieldChange change, DateTimeOffset now) => (target, change.Field) switch
    {
        (Lead lead, "Status") => () => lead.ChangeStatus(Enum.Parse<LeadStatus>(change.Before!), now),
        (Deal deal, "Expected close") => () => deal.UpdateDetails(deal.AccountId, deal.Name, deal.Amount, deal.Currency, deal.Probability,
            DateOnly.ParseExact(change.Before!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        (_, RecordSnapshot.OwnerField) => () => target.AssignOwner(change.Before is null ? null : Guid.Parse(change.Before)),
        (_, "Tags") => () =>
        {
            foreach (var tag in TagsOf(change.After).Except(TagsOf(change.Before))) target.RemoveTag(tag);
        },
        _ => throw new DomainRuleViolation($"'{change.Field}' cannot be put back by an undo."),
    };

    private static IEnumerable<string> TagsOf(string? list) =>
        list is null ? [] : list.Split(", ", StringSplitOptions.RemoveEmptyEntries);
}
