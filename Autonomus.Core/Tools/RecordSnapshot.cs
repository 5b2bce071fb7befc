using System.Globalization;
using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;

namespace Autonomus.Core.Tools;

/// <summary>
/// A record's reviewable fields as display strings, in a fixed order. Comparing two snapshots gives the
/// field-by-field diff a reviewer sees. Owner ids are resolved to names by <see cref="Previews"/>.
/// </summary>
public static class RecordSnapshot
{
    public const string OwnerField = "Owner";
    public const string EmailField = "Email";
    public const string PhoneField = "Phone";

    /// <summary>A field change as a reader who may not see contact details sees it (masked like the lists mask them).</summary>
    public static FieldChange Masked(FieldChange f) => f.Field switch
    {
        EmailField => f with { Before = PersonalDataMask.Email(f.Before), After = PersonalDataMask.Email(f.After) },
        PhoneField => f with { Before = PersonalDataMask.Phone(f.Before), After = PersonalDataMask.Phone(f.After) },
        _ => f,
    };

    public static IReadOnlyList<(string Field, string? Value, bool IsText)> Of(CrmRecord record)
    {
        var fields = new List<(string, string?, bool)>();
        switch (record)
        {
            case Lead l:
                fields.Add(("Name", l.FullName, false));
                fields.Add(("Company", l.Company, false));
                fields.Add((EmailField, l.Email, false));
                fields.Add((PhoneField, l.Phone, false));
                fields.Add(("Status", l.Status.ToString(), false));
                fields.Add(("Score", l.Score.ToString(CultureInfo.InvariantCulture), false));
                fields.Add(("Last activity", Time(l.LastActivityAt), false));
                break;
            case Deal d:
                fields.Add(("Name", d.Name, false));
                fields.Add(("Amount", $"{d.Amount.ToString("N0", CultureInfo.InvariantCulture)} {d.Currency}", false));
                fields.Add(("Stage", d.Stage.ToString(), false));
                fields.Add(("Probability", $"{d.Probability}%", false));
                fields.Add(("Expected close", d.ExpectedCloseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false));
                fields.Add(("Last activity", Time(d.LastActivityAt), false));
                break;
            case Account a:
                fields.Add(("Name", a.Name, false));
                fields.Add(("Industry", a.Industry, false));
                fields.Add(("Website", a.Website, false));
                fields.Add((PhoneField, a.Phone, false));
                fields.Add(("City", a.City, false));
                fields.Add(("Country", a.Country, false));
                fields.Add(("Last activity", Time(a.LastActivityAt), false));
                break;
            case Contact c:
                fields.Add(("Name", c.FullName, false));
                fields.Add(("Title", c.Title, false));
                fields.Add((EmailField, c.Email, false));
                fields.Add((PhoneField, c.Phone, false));
                fields.Add(("Last activity", Time(c.LastActivityAt), false));
                break;
            case Activity a:
                fields.Add(("Type", a.Type.ToString(), false));
                fields.Add(("Subject", a.Subject, false));
                fields.Add(("Description", a.Body, true));
                fields.Add(("Due", Time(a.DueAt), false));
                fields.Add(("Completed", Time(a.CompletedAt), false));
                break;
        }
        fields.Add((OwnerField, record.OwnerId?.ToString(), false));
        fields.Add(("Tags", record.Tags.Count == 0 ? null : string.Join(", ", record.Tags), false));
        return fields;
    }

    public static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
