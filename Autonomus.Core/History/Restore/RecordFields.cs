using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Tools;

namespace Autonomus.Core.History.Restore;

/// <summary>
/// The fields a person may set back to an earlier value (a restore, a batch undo), by their stored names, and how each is
/// written: through the record's own methods, after the same checks as an edit (who may change the record, move the stage,
/// change the amount, assign the owner, link the account). Derived fields (scores a model wrote, last activity, timestamps)
/// are not restored: they follow from the others.
/// </summary>
public static class RecordFields
{
    public static readonly IReadOnlyDictionary<RecordType, string[]> Restorable = new Dictionary<RecordType, string[]>
    {
        [RecordType.Lead] = ["first_name", "last_name", "company", "email", "phone", "source", "score", "status", "owner_id"],
        [RecordType.Contact] = ["first_name", "last_name", "email", "phone", "title", "account_id", "owner_id"],
        [RecordType.Account] = ["name", "industry", "website", "phone", "city", "country", "rut", "owner_id"],
        [RecordType.Deal] = ["name", "amount", "currency", "probability", "expected_close_date", "stage", "account_id", "owner_id"],
    };

    public static bool IsRestorable(RecordType type, string field) => Restorable.TryGetValue(type, out var fields) && fields.Contains(field);

    /// <summary>A stored value (JSON) as the invariant text a payload carries; null stays null.</summary>
    public static string? Text(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    /// <summary>The record's restorable fields as stored now (the same names and forms as its change events).</summary>
    public static Dictionary<string, string?> Current(CrmRecord record)
    {
        static string? Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string? Num(decimal n) => n.ToString(CultureInfo.InvariantCulture);
        var values = record switch
        {
            Lead l => new Dictionary<string, string?>
            {
                ["first_name"] = l.FirstName, ["last_name"] = l.LastName, ["company"] = l.Company, ["email"] = l.Email, ["phone"] = l.Phone,
                ["source"] = l.Source.ToString(), ["score"] = Num(l.Score), ["status"] = l.Status.ToString(),
            },
            Contact c => new Dictionary<string, string?>
            {
                ["first_name"] = c.FirstName, ["last_name"] = c.LastName, ["email"] = c.Email, ["phone"] = c.Phone, ["title"] = c.Title,
                ["account_id"] = c.AccountId.ToString(),
            },
            Account a => new Dictionary<string, string?>
            {
                ["name"] = a.Name, ["industry"] = a.Industry, ["website"] = a.Website, ["phone"] = a.Phone, ["city"] = a.City,
                ["country"] = a.Country, ["rut"] = a.Rut,
            },
            Deal d => new Dictionary<string, string?>
            {
                ["name"] = d.Name, ["amount"] = Num(d.Amount), ["currency"] = d.Currency, ["probability"] = Num(d.Probability),
                ["expected_close_date"] = Day(d.ExpectedCloseDate), ["stage"] = d.Stage.ToString(), ["account_id"] = d.AccountId.ToString(),
            },
            _ => throw InputInvalid.For("recordType", "Leads, contacts, accounts and deals can be restored."),
        };
        values["owner_id"] = record.OwnerId?.ToString();
        return values;
    }

    /// <summary>Whether two values of a field are the same (numbers compared as numbers: 1200 and 1200.00 are one amount).</summary>
    public static bool Same(string? a, string? b) =>
        a == b || (a is not null && b is not null && decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
                   && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y) && x == y);

    /// <summary>
    /// Checks that this actor may write <paramref name="values"/> onto <paramref name="record"/> (as an edit would be checked)
    /// and returns the write, to run inside the apply's unit of work. Values are read strictly: a value that does not parse
    /// names its field.
    /// </summary>
    public static async Task<Action> PlanWriteAsync(ToolContext c, CrmRecord record, IReadOnlyDictionary<string, string?> values, CancellationToken ct)
    {
        var type = TargetRecords.TypeOf(record);
        if (values.Keys.FirstOrDefault(f => !IsRestorable(type, f)) is { } unknown)
            throw InputInvalid.For("fields", $"'{unknown}' is not a field of a {type.ToString().ToLowerInvariant()} that can be restored.");
        await c.Access.EnsureCanChangeAsync(c.Db, record, ct);
        if (values.TryGetValue("owner_id", out var owner)) await c.Access.EnsureCanAssignAsync(c.Db, Id(owner, "owner_id"), ct);
        if (values.TryGetValue("account_id", out var account) && Id(account, "account_id") is { } accountId)
            await c.Access.EnsureCanLinkToAccountAsync(c.Db, accountId, "account_id", ct);
        if (record is Deal deal)
        {
            if (values.TryGetValue("amount", out var amount)) await c.Access.EnsureCanChangeAmountAsync(c.Db, deal, Number(amount, "amount"), ct);
            if (values.ContainsKey("stage")) await c.Access.EnsureCanMoveStageAsync(c.Db, deal, ct);
        }
        // Parsed now, so a bad value is refused before anything changes.
        var write = Parse(record, values, c);
        return write;
    }

    private static Action Parse(CrmRecord record, IReadOnlyDictionary<string, string?> v, ToolContext c)
    {
        string? S(string field, string? current) => v.TryGetValue(field, out var value) ? value : current;
        string Required(string field, string current) => S(field, current) is { Length: > 0 } s ? s : throw InputInvalid.For(field, "A value is required.");
        Action owner = v.TryGetValue("owner_id", out var o) ? () => record.AssignOwner(Id(o, "owner_id")) : () => { };
        switch (record)
        {
            case Lead l:
            {
                var (first, last) = (Required("first_name", l.FirstName), Required("last_name", l.LastName));
                var source = v.ContainsKey("source") ? Enum<LeadSource>(v["source"], "source") : l.Source;
                var score = v.ContainsKey("score") ? (int)Number(v["score"], "score") : l.Score;
                LeadStatus? status = v.ContainsKey("status") ? Enum<LeadStatus>(v["status"], "status") : null;
                return () =>
                {
                    if (status is { } s && s != l.Status) l.ChangeStatus(s, c.Now);
                    l.UpdateDetails(first, last, S("company", l.Company), S("email", l.Email), S("phone", l.Phone), source, score);
                    owner();
                };
            }
            case Contact k:
            {
                var (first, last) = (Required("first_name", k.FirstName), Required("last_name", k.LastName));
                var account = v.ContainsKey("account_id") ? Id(v["account_id"], "account_id") ?? throw InputInvalid.For("account_id", "A contact belongs to an account.") : k.AccountId;
                return () =>
                {
                    k.UpdateDetails(account, first, last, S("email", k.Email), S("phone", k.Phone), S("title", k.Title));
                    owner();
                };
            }
            case Account a:
            {
                var name = Required("name", a.Name);
                var rut = S("rut", a.Rut);
                return () =>
                {
                    a.UpdateDetails(name, S("industry", a.Industry), S("website", a.Website), S("phone", a.Phone), S("city", a.City), S("country", a.Country));
                    if (v.ContainsKey("rut")) a.SetRut(rut);
                    owner();
                };
            }
            case Deal d:
            {
                var name = Required("name", d.Name);
                var amount = v.ContainsKey("amount") ? Number(v["amount"], "amount") : d.Amount;
                var currency = Required("currency", d.Currency);
                var account = v.ContainsKey("account_id") ? Id(v["account_id"], "account_id") ?? throw InputInvalid.For("account_id", "A deal belongs to an account.") : d.AccountId;
                var close = v.ContainsKey("expected_close_date")
                    ? DateOnly.TryParseExact(v["expected_close_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw InputInvalid.For("expected_close_date", "Expected a date, e.g. 2026-11-25.")
                    : d.ExpectedCloseDate;
                DealStage? stage = v.ContainsKey("stage") ? Enum<DealStage>(v["stage"], "stage") : null;
                return () =>
                {
                    // The stage first: a move sets the stage's default probability, which a restored probability then overrides.
                    if (stage is { } s && s != d.Stage) c.Db.DealStageChanges.Add(d.MoveToStage(s, c.Now, c.Actor.UserId));
                    var probability = v.ContainsKey("probability") ? (int)Number(v["probability"], "probability") : d.Probability;
                    d.UpdateDetails(account, name, amount, currency, probability, close);
                    owner();
                };
            }
            default:
                throw InputInvalid.For("recordType", "Leads, contacts, accounts and deals can be restored.");
        }
    }

    private static Guid? Id(string? value, string field) =>
        value is null ? null : Guid.TryParse(value, out var id) ? id : throw InputInvalid.For(field, "Expected an id.");

    private static decimal Number(string? value, string field) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : throw InputInvalid.For(field, "Expected a number.");

    private static T Enum<T>(string? value, string field) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(value, ignoreCase: false, out var e) && System.Enum.IsDefined(e) ? e : throw InputInvalid.For(field, "Not one of the allowed values.");
}
