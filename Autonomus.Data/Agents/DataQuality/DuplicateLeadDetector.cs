using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Crm;

namespace Autonomus.Data.Agents.DataQuality;

/// <summary>Leads with the same email or phone, or similar names from the same company (open or not: a re-entered lead is a duplicate too).</summary>
public sealed class DuplicateLeadDetector : DuplicateDetector
{
    public override string TriggerType => DataQualityAgent.DuplicateLead;
    protected override RecordType RecordType => RecordType.Lead;
    protected override string Table => "leads";
    protected override string NameOf => "lower({0}.first_name || ' ' || {0}.last_name)";
    protected override string? NameBlock => "lower(b.company) = lower(a.company)";
    protected override string OtherFields => "'first_name', b.first_name, 'last_name', b.last_name, 'company', b.company, 'email', b.email, 'phone', b.phone";
}
