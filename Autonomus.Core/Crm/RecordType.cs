namespace Autonomus.Core.Crm;

/// <summary>The kinds of record an activity (and later a trigger or suggestion) can point at.</summary>
public enum RecordType
{
    Account,
    Contact,
    Lead,
    Deal,
    Activity,
}
