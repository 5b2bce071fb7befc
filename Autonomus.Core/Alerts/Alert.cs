using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autonomus.Core.Alerts;

/// <summary>What happened, as the database (or the app) announces it on <see cref="Alert.Channel"/>.</summary>
public static class AlertKinds
{
    /// <summary>New suggestions were committed: a count, and each high-priority one.</summary>
    public const string SuggestionsCreated = "suggestions_created";
    /// <summary>Pending suggestions left the queue (approved, rejected, expired…): no toast, queues and badges refresh.</summary>
    public const string SuggestionsResolved = "suggestions_resolved";
    public const string ApplyFailed = "apply_failed";
    public const string KillSwitch = "kill_switch";
    /// <summary>Suggestions pending longer than the tenant's review SLA.</summary>
    public const string SlaBreach = "sla_breach";
    public const string JobFailed = "job_failed";
    /// <summary>Policies applied suggestions without a person (a count; the owning team's managers and the Admins).</summary>
    public const string AutoApplied = "auto_applied";
    /// <summary>An action earned autonomy: an offer waits for an Admin.</summary>
    public const string AutonomyOffered = "autonomy_offered";
    /// <summary>An action lost its autonomy (Admins).</summary>
    public const string AutonomyDemoted = "autonomy_demoted";
    /// <summary>A person or API key was shown far more records than their baseline today (Admins; <see cref="Alert.By"/> who, <see cref="Alert.Count"/> how many, <see cref="Alert.Reason"/> their daily average).</summary>
    public const string UnusualDataAccess = "unusual_data_access";
    /// <summary>A person signed in from a country new for them (Admins; <see cref="Alert.By"/> who, <see cref="Alert.Reason"/> the country code).</summary>
    public const string SignInNewCountry = "sign_in_new_country";
    /// <summary>Records rebuilt from their change events differ from the tables (Admins; <see cref="Alert.Count"/> how many records).</summary>
    public const string HistoryInconsistent = "history_inconsistent";
    /// <summary>Alerts may have been missed (the node's listener reconnected): re-read counts and queues.</summary>
    public const string Resync = "resync";
}

public sealed record AlertItem(Guid Id, string Summary, string Record, string RecordType, Guid RecordId);

/// <summary>
/// One alert for one tenant (and, for review work, the team owning the records: null when they have no team owner).
/// The wire format of the NOTIFY payload, written by triggers in SQL and by <see cref="AlertNotifier"/>.
/// </summary>
public sealed record Alert(
    string Kind,
    Guid Tenant,
    string? Team = null,
    int Count = 0,
    int HighCount = 0,
    IReadOnlyList<AlertItem>? Items = null,
    bool? Engaged = null,
    string? Reason = null,
    string? By = null,
    string? Job = null,
    DateTimeOffset? At = null)
{
    /// <summary>The PostgreSQL NOTIFY channel every node listens on (the database's <c>alert_notify</c> function names it too).</summary>
    public const string Channel = "autonomus_alerts";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<AlertItem> ItemsOrEmpty => Items ?? [];

    /// <summary>True for alerts a person should see as a toast; the others only refresh what is on screen.</summary>
    public bool IsNotable => Kind is not (AlertKinds.SuggestionsResolved or AlertKinds.Resync);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The alert in a payload, or null when it is not one (never throws: a bad payload must not stop the listener).</summary>
    public static Alert? TryParse(string payload)
    {
        try
        {
            var alert = JsonSerializer.Deserialize<Alert>(payload, Json);
            return alert is { Kind.Length: > 0 } && alert.Tenant != Guid.Empty ? alert : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
