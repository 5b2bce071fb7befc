namespace Autonomus.Core.Ledger;

/// <summary>
/// One link of a tenant's hash chain. Append-only: the database refuses UPDATE and DELETE, and the runtime role may
/// only append through <c>ledger_append</c>, which assigns the sequence and computes the hash itself.
/// <c>Hash = SHA-256(PreviousHash ‖ canonical entry)</c>; <see cref="Mac"/> authenticates the entry with a key held
/// outside the database (<see cref="LedgerKeyRing"/>). See <see cref="LedgerHashing"/>.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry() { }

    public Guid TenantId { get; private set; }
    /// <summary>1, 2, 3… per tenant, without gaps.</summary>
    public long Sequence { get; private set; }
    public string Kind { get; private set; } = "";
    /// <summary>"user", "agent" or "system".</summary>
    public string ActorType { get; private set; } = "";
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string SubjectType { get; private set; } = "";
    public Guid SubjectId { get; private set; }
    public Guid CorrelationId { get; private set; }
    /// <summary>What happened, as canonical JSON (sorted keys, no whitespace).</summary>
    public string Data { get; private set; } = "{}";
    public DateTimeOffset At { get; private set; }
    public byte[] PreviousHash { get; private set; } = [];
    public byte[] Hash { get; private set; } = [];
    /// <summary>
    /// 1: hashed by the app, before the database computed the chain (no authentication code); 2: by <c>ledger_append</c>
    /// over the data itself; 3: over the data's digest (<see cref="DataDigest"/>), so that a privacy erasure can redact
    /// personal values from <see cref="Data"/> and the chain still verifies.
    /// </summary>
    public int HashVersion { get; private set; } = LedgerHashing.CurrentVersion;
    /// <summary>Random, per entry: two identical events still have different codes, and a copied entry is refused as a duplicate.</summary>
    public string? Nonce { get; private set; }
    /// <summary>HMAC-SHA256 of <see cref="LedgerHashing.MacInput(LedgerEntry)"/> under the key <see cref="KeyId"/>.</summary>
    public byte[]? Mac { get; private set; }
    public string? KeyId { get; private set; }
    /// <summary>Version 3: SHA-256 of <see cref="Data"/> as written; the hash and the authentication code cover this digest.</summary>
    public byte[]? DataDigest { get; private set; }
    /// <summary>When a privacy erasure replaced personal values in <see cref="Data"/> (the erasure's own entry lists it).</summary>
    public DateTimeOffset? RedactedAt { get; private set; }
}

/// <summary>An entry before it has a place in the chain.</summary>
public sealed record LedgerDraft(string Kind, string ActorType, Guid? ActorId, string ActorName,
    string SubjectType, Guid SubjectId, Guid CorrelationId, string Data);

public static class LedgerKinds
{
    public const string TriggerDetected = "trigger_detected";
    public const string SuggestionCreated = "suggestion_created";
    public const string SuggestionEdited = "suggestion_edited";
    public const string SuggestionApproved = "suggestion_approved";
    public const string SuggestionRejected = "suggestion_rejected";
    public const string SuggestionDeferred = "suggestion_deferred";
    public const string SuggestionExpired = "suggestion_expired";
    public const string SuggestionSuperseded = "suggestion_superseded";
    public const string ActionApplied = "action_applied";
    public const string ActionFailed = "action_failed";
    public const string ApplyConflict = "apply_conflict";
    public const string KillSwitchEngaged = "kill_switch_engaged";
    public const string KillSwitchReleased = "kill_switch_released";
    public const string OrganisationLocaleChanged = "organisation_locale_changed";
    public const string PolicyChanged = "policy_changed";
    /// <summary>An action earned autonomy and was offered to the Admins.</summary>
    public const string AutonomyOffered = "autonomy_offered";
    /// <summary>An Admin confirmed an offer: the action's policy moved to auto-with-undo.</summary>
    public const string AutonomyPromoted = "autonomy_promoted";
    public const string AutonomyOfferDeclined = "autonomy_offer_declined";
    /// <summary>The action lost its autonomy on its own record (lower bound under the bar, or too many undos).</summary>
    public const string AutonomyDemoted = "autonomy_demoted";
    public const string AgentPaused = "agent_paused";
    public const string AgentResumed = "agent_resumed";
    /// <summary>An Admin changed an agent's settings: a new version, with the values before and after.</summary>
    public const string AgentSettingsChanged = "agent_settings_changed";
    /// <summary>The Automation Optimizer recommended a change; an Admin applied or dismissed it.</summary>
    public const string RecommendationMade = "recommendation_made";
    /// <summary>An agent's model was trained (or could not be, with the reason).</summary>
    public const string ModelTrained = "model_trained";
    /// <summary>Compliance &amp; Security saw a person or API key shown far more records than their baseline today.</summary>
    public const string UnusualDataAccess = "unusual_data_access";
    /// <summary>Compliance &amp; Security saw a person sign in from a country they never signed in from before (GeoIP).</summary>
    public const string SignInNewCountry = "sign_in_new_country";
    public const string RecommendationApplied = "recommendation_applied";
    public const string RecommendationDismissed = "recommendation_dismissed";
    /// <summary>A person undid what a policy applied.</summary>
    public const string ActionUndone = "action_undone";
    public const string RecordArchived = "record_archived";
    public const string RecordUnarchived = "record_unarchived";
    public const string BatchUndone = "batch_undone";
    public const string PersonalDataErased = "personal_data_erased";
    public const string LegalHoldChanged = "legal_hold_changed";
    public const string HistoryInconsistent = "history_inconsistent";
    public const string AutomationPublished = "automation_published";
    public const string AutomationDisabled = "automation_disabled";

    public static readonly IReadOnlyList<string> All =
    [
        TriggerDetected, SuggestionCreated, SuggestionEdited, SuggestionApproved, SuggestionRejected, SuggestionDeferred,
        SuggestionExpired, SuggestionSuperseded, ActionApplied, ActionFailed, ApplyConflict, KillSwitchEngaged, KillSwitchReleased, OrganisationLocaleChanged, PolicyChanged,
        UnusualDataAccess, SignInNewCountry,
    ];
}
