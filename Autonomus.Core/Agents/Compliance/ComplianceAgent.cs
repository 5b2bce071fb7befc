using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.Compliance;

/// <summary>
/// Watches what should not be written down (RUTs, card numbers, emails and phones in activity descriptions) and who reads far
/// more than usual (<see cref="Access.WatchDataAccess"/>: a ledger entry and an alert to the Admins, not a suggestion).
/// </summary>
public sealed class ComplianceAgent : AgentModule
{
    public const string PersonalDataInNotes = "personal_data_in_notes";

    public override string Name => AgentNames.Compliance;
    public override string OwnerRole => Roles.Admin;

    public override IReadOnlyList<TriggerDefinition> Triggers { get; } =
    [
        new(PersonalDataInNotes, AgentNames.Compliance, RecordType.Activity, "An activity whose description holds a RUT, a card number, an email address or a phone number."),
    ];

    public override IReadOnlyList<string> Actions { get; } = ["redact_personal_data"];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        AgentSetting.Days("personal_data_scan_days", s => s.PersonalDataScanDays, (s, v) => s.PersonalDataScanDays = v, 1, 3650),
        new("unusual_access_floor", "records", 50, 1_000_000, s => s.UnusualAccessFloor, (s, v) => s.UnusualAccessFloor = v),
        new("unusual_access_multiple", "times", 2, 100, s => s.UnusualAccessMultiple, (s, v) => s.UnusualAccessMultiple = v),
    ];
}
