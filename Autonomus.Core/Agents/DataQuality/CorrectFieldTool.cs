using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Localization;
using Autonomus.Core.Tools;

namespace Autonomus.Core.Agents.DataQuality;

public sealed record CorrectFieldPayload
{
    [Required, Description("The kind of record: Lead, Contact or Account.")]
    public RecordType RecordType { get; init; }
    [Required, Description("The id of that record.")]
    public Guid RecordId { get; init; }
    [Required, RegularExpression("^(email|phone)$"), Description("The field to correct: email or phone.")]
    public string Field { get; init; } = "";
    [Required, StringLength(254, MinimumLength = 3), Description("The corrected value: a valid email, or a phone in E.164 (+56912345678).")]
    public string Value { get; init; } = "";
}

/// <summary>Corrects a lead's, contact's or account's email or phone to a valid value (a phone to E.164); nothing else changes.</summary>
public sealed class CorrectFieldTool : MutationTool<CorrectFieldPayload>
{
    public override string Name => "correct_field";
    public override string Description => "Corrects the email or phone of a lead, contact or account to a valid value (phones in E.164, e.g. +56912345678).";
    public override string Permission => ToolPermissions.WriteRecords;
    public override ToolRisk Risk => ToolRisk.Low;

    protected override async Task<ToolPlan> PlanAsync(ToolContext c, CorrectFieldPayload p, CancellationToken ct)
    {
        var value = p.Value.Trim();
        if (p.Field == "email" && !ContactDetails.IsEmail(value)) throw InputInvalid.For("value", ValidationText.EmailInvalid);
        if (p.Field == "phone" && !ContactDetails.IsE164(value)) throw InputInvalid.For("value", ValidationText.PhoneInvalid);
        if (p.Field == "email" && p.RecordType == RecordType.Account) throw InputInvalid.For("field", "An account has no email; correct its phone.");
        var record = await TargetRecords.LoadForChangeAsync(c, p.RecordType, p.RecordId, ct);
        var current = RecordSnapshot.Of(record).FirstOrDefault(f => f.Field.Equals(p.Field, StringComparison.OrdinalIgnoreCase)).Value;
        if (current == value) throw new DomainRuleViolation($"This record's {p.Field} already is that.");
        return new ToolPlan(Name, record, p.RecordType, TargetRecords.LabelOf(record), $"Correct the {p.Field}", () =>
        {
            Correct(record, p.Field, value);
            return null;
        });
    }

    private static void Correct(CrmRecord record, string field, string value)
    {
        string? Set(string name, string? current) => field == name ? value : current;
        switch (record)
        {
            case Contact k:
                k.UpdateDetails(k.AccountId, k.FirstName, k.LastName, Set("email", k.Email), Set("phone", k.Phone), k.Title);
                break;
            case Lead l:
                l.UpdateDetails(l.FirstName, l.LastName, l.Company, Set("email", l.Email), Set("phone", l.Phone), l.Source, l.Score);
                break;
            case Account a:
                a.UpdateDetails(a.Name, a.Industry, a.Website, Set("phone", a.Phone), a.City, a.Country);
                break;
            default:
                throw InputInvalid.For("recordType", "Leads, contacts and accounts have an email or phone to correct.");
        }
    }
}
