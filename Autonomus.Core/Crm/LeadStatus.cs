namespace Autonomus.Core.Crm;

public enum LeadStatus
{
    New,
    Contacted,
    Qualified,
    Unqualified,
    Converted,
}

public enum LeadSource
{
    Website,
    Referral,
    Event,
    Outbound,
    Partner,
    Advertising,
}
