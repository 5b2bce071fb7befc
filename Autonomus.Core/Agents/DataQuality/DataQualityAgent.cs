using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.DataQuality;

/// <summary>
/// Keeps the records clean: duplicates to merge (a person decides), emails and phones to correct, people nobody can reach;
/// and carries out the restores people ask for from a record's history.
/// </summary>
public sealed class DataQualityAgent : AgentModule
{
    public const string DuplicateContact = "duplicate_contact";
    public const string DuplicateLead = "duplicate_lead";
    public const string DuplicateAccount = "duplicate_account";
    public const string InvalidContactData = "invalid_contact_data";
    public const string InvalidLeadData = "invalid_lead_data";
    public const string InvalidAccountData = "invalid_account_data";
    /// <summary>Not detected: a person asked, from a record's history, to set fields back to an earlier moment.</summary>
    public const string RestoreRequested = "restore_requested";

    public override string Name => AgentNames.DataQuality;
    public override string OwnerRole => Roles.Admin;

    public override IReadOnlyList<TriggerDefinition> Triggers { get; } =
    [
        new(DuplicateContact, AgentNames.DataQuality, RecordType.Contact, "A contact that looks like an older one (email, phone or a similar name at the same account)."),
        new(DuplicateLead, AgentNames.DataQuality, RecordType.Lead, "A lead that looks like an older one (email, phone or a similar name at the same company)."),
        new(DuplicateAccount, AgentNames.DataQuality, RecordType.Account, "An account that looks like an older one (phone or a similar name)."),
        new(InvalidContactData, AgentNames.DataQuality, RecordType.Contact, "A contact with an invalid email, a phone not in E.164, or no way to reach them."),
        new(InvalidLeadData, AgentNames.DataQuality, RecordType.Lead, "A lead with an invalid email, a phone not in E.164, or no way to reach them."),
        new(InvalidAccountData, AgentNames.DataQuality, RecordType.Account, "An account whose RUT fails its check digit, or whose phone is not in E.164."),
        new(RestoreRequested, AgentNames.DataQuality, null, "A person asked to set fields of a record back to an earlier moment (from its history).", RequestedByPerson: true),
    ];

    public override IReadOnlyList<string> Actions { get; } = ["merge_records", "correct_field", "create_activity", History.Restore.RestoreFieldsTool.ToolName];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        AgentSetting.Percent("duplicate_name_similarity", s => s.DuplicateNameSimilarity, (s, v) => s.DuplicateNameSimilarity = v, 30, 100),
    ];
}
