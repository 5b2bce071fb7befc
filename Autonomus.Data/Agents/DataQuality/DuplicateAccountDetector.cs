using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Crm;

namespace Autonomus.Data.Agents.DataQuality;

/// <summary>Accounts with the same phone or trigram-similar names (the GIN index on lower(name) finds the candidates).</summary>
public sealed class DuplicateAccountDetector : DuplicateDetector
{
    public override string TriggerType => DataQualityAgent.DuplicateAccount;
    protected override RecordType RecordType => RecordType.Account;
    protected override string Table => "accounts";
    protected override bool HasEmail => false;
    protected override string NameOf => "lower({0}.name)";
    protected override string? NameBlock => null;
    protected override string OtherFields => "'name', b.name, 'industry', b.industry, 'website', b.website, 'phone', b.phone, 'city', b.city, 'country', b.country";
}
