using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;

namespace Autonomus.Core.Agents.DataQuality;

/// <summary>
/// A duplicate is merged into the older record: the older one stays, and takes from the duplicate only what it lacks
/// (an empty email, phone, title…). A shared email or phone is near-certain; a similar name less so.
/// </summary>
public abstract class DuplicatePlaybook : Playbook
{
    protected abstract RecordType Kind { get; }

    public override ProposedAction? Propose(TriggerFacts f)
    {
        if (f.Context["other"] is not System.Text.Json.Nodes.JsonObject other || Str(f.Context, "duplicate_of") is not { } keep || !Guid.TryParse(keep, out var keepId))
            return null;
        var mine = Values(f.Record);
        // Survivorship: the stayer's value wins; the duplicate's fills what the stayer lacks.
        var take = MergeRecordsTool.Fields[Kind].Where(field => string.IsNullOrWhiteSpace(other[field]?.ToString()) && !string.IsNullOrWhiteSpace(mine.GetValueOrDefault(field)))
            .ToList();
        var match = Str(f.Context, "match") ?? "name";
        var otherLabel = Label(other);
        return Action("merge_records",
            new MergeRecordsPayload { RecordType = Kind, KeepId = keepId, KeepVersion = Int(f.Context["other"]!.AsObject(), "version"), MergeId = f.Record.Id, TakeFields = take },
            T(f, "Duplicate.Summary", f.RecordLabel, otherLabel),
            T(f, $"Duplicate.Why.{match}", f.RecordLabel, otherLabel, Int(f.Context, "similarity")) + " "
                + (take.Count == 0 ? T(f, "Duplicate.KeepAll") : T(f, "Duplicate.Take", string.Join(", ", take))),
            match == "name" ? 0.6m + Int(f.Context, "similarity") / 400m : 0.9m, SuggestionPriority.Normal);
    }

    private static Dictionary<string, string?> Values(CrmRecord record) => record switch
    {
        Contact c => new() { ["first_name"] = c.FirstName, ["last_name"] = c.LastName, ["email"] = c.Email, ["phone"] = c.Phone, ["title"] = c.Title },
        Lead l => new() { ["first_name"] = l.FirstName, ["last_name"] = l.LastName, ["company"] = l.Company, ["email"] = l.Email, ["phone"] = l.Phone },
        Account a => new() { ["name"] = a.Name, ["industry"] = a.Industry, ["website"] = a.Website, ["phone"] = a.Phone, ["city"] = a.City, ["country"] = a.Country },
        _ => [],
    };

    private static string Label(System.Text.Json.Nodes.JsonObject other) =>
        other["name"]?.ToString() ?? $"{other["first_name"]} {other["last_name"]}".Trim();
}

public sealed class DuplicateContactPlaybook : DuplicatePlaybook
{
    public override string TriggerType => DataQualityAgent.DuplicateContact;
    protected override RecordType Kind => RecordType.Contact;
}

public sealed class DuplicateLeadPlaybook : DuplicatePlaybook
{
    public override string TriggerType => DataQualityAgent.DuplicateLead;
    protected override RecordType Kind => RecordType.Lead;
}

public sealed class DuplicateAccountPlaybook : DuplicatePlaybook
{
    public override string TriggerType => DataQualityAgent.DuplicateAccount;
    protected override RecordType Kind => RecordType.Account;
}
