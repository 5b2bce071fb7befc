using Autonomus.Core.Alerts;

namespace Autonomus.Web.Alerts;

/// <summary>An alert as a person reads it in the console.</summary>
public sealed record AlertToast(string Kind, string Tone, string Title, string? Detail, string? Link)
{
    public Guid Key { get; } = Guid.NewGuid();

    public static IEnumerable<AlertToast> From(Alert alert)
    {
        switch (alert.Kind)
        {
            case AlertKinds.SuggestionsCreated:
                foreach (var item in alert.ItemsOrEmpty)
                    yield return new(alert.Kind, "warning", "High-priority suggestion", $"{item.Summary} · {item.Record}", $"suggestions?id={item.Id}");
                var others = alert.Count - alert.ItemsOrEmpty.Count;
                if (others > 0)
                    yield return new(alert.Kind, "info", others == 1 ? "1 new suggestion to review" : $"{others} new suggestions to review", null, "suggestions");
                break;
            case AlertKinds.ApplyFailed:
                var first = alert.ItemsOrEmpty.FirstOrDefault();
                yield return new(alert.Kind, "danger",
                    alert.Count == 1 ? "An approved action failed" : $"{alert.Count} approved actions failed",
                    first is null ? alert.Reason : $"{first.Summary} · {first.Record}", first is null ? "suggestions" : $"suggestions?id={first.Id}");
                break;
            case AlertKinds.KillSwitch when alert.Engaged == true:
                yield return new(alert.Kind, "danger", "Kill switch engaged", Join(alert.By, alert.Reason), null);
                break;
            case AlertKinds.KillSwitch:
                yield return new(alert.Kind, "success", "Kill switch released", Join(alert.By, "autonomy resumes"), null);
                break;
            case AlertKinds.SlaBreach:
                yield return new(alert.Kind, "warning",
                    alert.Count == 1 ? "1 suggestion is waiting too long" : $"{alert.Count} suggestions are waiting too long", alert.Reason, "suggestions");
                break;
            case AlertKinds.JobFailed:
                yield return new(alert.Kind, "danger", "A background job failed", Join(alert.Job, alert.Reason), "admin/health");
                break;
        }
    }

    private static string? Join(string? a, string? b) => (a, b) switch
    {
        (null or "", null or "") => null,
        (null or "", _) => b,
        (_, null or "") => a,
        _ => $"{a}: {b}",
    };
}
