using Autonomus.Core.Crm;

namespace Autonomus.Web.Components.Pages.Suggestions;

public static class ReviewLinks
{
    /// <summary>The console page of the record a suggestion acts on (activities have no page of their own: their list).</summary>
    public static string Record(RecordType type, Guid id) => type switch
    {
        RecordType.Lead => $"leads/{id}",
        RecordType.Deal => $"deals/{id}",
        RecordType.Account => $"accounts/{id}",
        RecordType.Contact => $"contacts/{id}",
        _ => "activities",
    };
}
