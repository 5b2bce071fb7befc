using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools;

/// <summary>
/// What a caller may do with the catalogue. <see cref="ReadOnly"/>: query tools only. <see cref="ProposeActions"/>:
/// a mutation tool yields a proposal and writes nothing. <see cref="ApplyAllowed"/>: only the Safe Apply Engine.
/// </summary>
public enum ToolMode
{
    ReadOnly,
    ProposeActions,
    ApplyAllowed,
}

/// <summary>How much harm an action can do if it is wrong; a policy never lets a <see cref="NeverAuto"/> action apply itself.</summary>
public enum ToolRisk
{
    Low,
    Medium,
    High,
    /// <summary>Only ever applied by a person: external communication, money commitments, deletions, merges, anything not undoable.</summary>
    NeverAuto,
}

/// <summary>The permission a tool needs from whoever approves it.</summary>
public static class ToolPermissions
{
    public const string ReadRecords = "crm.read";
    public const string WriteActivities = "crm.activities.write";
    public const string WriteRecords = "crm.records.write";
    public const string AssignOwners = "crm.owners.assign";
    public const string MoveDeals = "crm.deals.stage";

    private static readonly string[] Writes = [WriteActivities, WriteRecords, AssignOwners, MoveDeals];

    /// <summary>
    /// What each role may let a tool do. The Safe Apply Engine asks it for whoever approves; the system (a job) and a
    /// policy act without roles: a policy is granted exactly the one action it names, checked where it applies.
    /// </summary>
    public static bool Grants(IReadOnlySet<string> roles, string permission) =>
        permission == ReadRecords
            ? roles.Count > 0
            : roles.Contains(Tenancy.Roles.Admin) || roles.Contains(Tenancy.Roles.SalesManager)
              || (roles.Contains(Tenancy.Roles.SalesRep) && permission is WriteActivities or WriteRecords or MoveDeals);
}

public sealed record RecordRef(RecordType Type, Guid Id)
{
    public override string ToString() => $"{Type} {Id}";
}

/// <summary>One field of a record before and after an action. <see cref="IsText"/> asks for a word diff.</summary>
public sealed record FieldChange(string Record, string Field, string? Before, string? After, bool IsText = false)
{
    public bool Changed => Before != After;
}

/// <summary>What an action would do: the record it targets (at which version) and every field it touches.</summary>
public sealed record ToolPreview(string Tool, RecordRef Target, int TargetVersion, string TargetLabel, string Summary,
    IReadOnlyList<FieldChange> Fields)
{
    public IEnumerable<FieldChange> Changes => Fields.Where(f => f.Changed);
}

/// <summary>
/// What an applied action did. <see cref="TargetVersion"/> is the target's version once the apply committed (an undo is
/// refused as a conflict when the record has moved past it).
/// </summary>
public sealed record ToolResult(string Tool, RecordRef Target, string Summary, RecordRef? Created, IReadOnlyList<FieldChange> Changes,
    int? TargetVersion = null);
