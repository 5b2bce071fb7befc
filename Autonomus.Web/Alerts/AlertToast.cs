using Autonomus.Core.Alerts;
using Microsoft.Extensions.Localization;

namespace Autonomus.Web.Alerts;

/// <summary>An alert as a person reads it in the console.</summary>
public sealed record AlertToast(string Kind, string Tone, string Title, string? Detail, string? Link)
{
    public Guid Key { get; } = Guid.NewGuid();

    public static IEnumerable<AlertToast> From(Alert alert, IStringLocalizer text)
    {
        switch (alert.Kind)
        {
            case AlertKinds.SuggestionsCreated:
                foreach (var item in alert.ItemsOrEmpty)
                    yield return new(alert.Kind, "warning", text["Alerts.HighPriority"], $"{item.Summary} · {item.Record}", $"suggestions?id={item.Id}");
                var others = alert.Count - alert.ItemsOrEmpty.Count;
                if (others > 0)
                    yield return new(alert.Kind, "info", others == 1 ? text["Alerts.NewOne"] : text["Alerts.NewMany", others], null, "suggestions");
                break;
            case AlertKinds.ApplyFailed:
                var first = alert.ItemsOrEmpty.FirstOrDefault();
                yield return new(alert.Kind, "danger",
                    alert.Count == 1 ? text["Alerts.FailedOne"] : text["Alerts.FailedMany", alert.Count],
                    first is null ? alert.Reason : $"{first.Summary} · {first.Record}", first is null ? "suggestions" : $"suggestions?id={first.Id}");
                break;
            case AlertKinds.KillSwitch when alert.Engaged == true:
                yield return new(alert.Kind, "danger", text["Alerts.KillSwitchEngaged"], Join(alert.By, alert.Reason), null);
                break;
            case AlertKinds.KillSwitch:
                yield return new(alert.Kind, "success", text["Alerts.KillSwitchReleased"], Join(alert.By, text["Alerts.AutonomyResumes"]), null);
                break;
            case AlertKinds.SlaBreach:
                yield return new(alert.Kind, "warning",
                    alert.Count == 1 ? text["Alerts.SlaOne"] : text["Alerts.SlaMany", alert.Count], alert.Reason, "suggestions");
                break;
            case AlertKinds.AutoApplied:
                yield return new(alert.Kind, "info", alert.Count == 1 ? text["Alerts.AutoAppliedOne"] : text["Alerts.AutoAppliedMany", alert.Count],
                    alert.Reason, "autonomy/done");
                break;
            case AlertKinds.AutonomyOffered:
                yield return new(alert.Kind, "success", text["Alerts.AutonomyOffered"], alert.Reason, "suggestions");
                break;
            case AlertKinds.AutonomyDemoted:
                yield return new(alert.Kind, "warning", text["Alerts.AutonomyDemoted"], alert.Reason, "autonomy/policies");
                break;
            case AlertKinds.UnusualDataAccess:
                yield return new(alert.Kind, "danger", text["Alerts.UnusualDataAccess"], text["Alerts.UnusualDataAccessDetail", alert.By ?? "", alert.Count, alert.Reason ?? "0"],
                    "ledger?kind=unusual_data_access");
                break;
            case AlertKinds.SignInNewCountry:
                yield return new(alert.Kind, "danger", text["Alerts.SignInNewCountry"], text["Alerts.SignInNewCountryDetail", alert.By ?? "", alert.Reason ?? ""],
                    "ledger?kind=sign_in_new_country");
                break;
            case AlertKinds.HistoryInconsistent:
                yield return new(alert.Kind, "danger", text["Alerts.HistoryInconsistent"], text["Alerts.HistoryInconsistentDetail", alert.Count],
                    "ledger?kind=history_inconsistent");
                break;
            case AlertKinds.JobFailed:
                yield return new(alert.Kind, "danger", text["Alerts.JobFailed"], Join(alert.Job, alert.Reason), "admin/health");
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
