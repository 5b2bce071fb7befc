using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Crm;

namespace Autonomus.Data.Agents.DataQuality;

/// <summary>
/// Contacts with the same email or phone, or similar names at the same account whose last names start alike (the first
/// two letters, accents set aside): the block keeps trigram comparisons to pairs that can be typos of each other.
/// </summary>
public sealed class DuplicateContactDetector : DuplicateDetector
{
    public override string TriggerType => DataQualityAgent.DuplicateContact;
    protected override RecordType RecordType => RecordType.Contact;
    protected override string Table => "contacts";
    protected override string NameOf => "lower({0}.first_name || ' ' || {0}.last_name)";
    protected override string? NameBlock => $"b.account_id = a.account_id AND {LastNameKey("b")} = {LastNameKey("a")}";

    /// <summary>The last name's first two letters, lower case, without Spanish accents.</summary>
    public static string LastNameKey(string alias) => $"left(translate(lower({alias}.last_name), 'áéíóúüñ', 'aeiouun'), 2)";
    protected override string OtherFields => "'first_name', b.first_name, 'last_name', b.last_name, 'email', b.email, 'phone', b.phone, 'title', b.title";
}
