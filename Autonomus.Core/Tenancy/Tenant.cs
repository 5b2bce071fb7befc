namespace Autonomus.Core.Tenancy;

public sealed class Tenant
{
    private Tenant() { }

    public Tenant(Guid id, string name, string slug, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        Slug = slug;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Short, URL-safe name (e.g. "andes").</summary>
    public string Slug { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Deals above this amount need an Admin to change stage (null: no limit). In the tenant's currency.</summary>
    public decimal? DealStageApprovalLimit { get; private set; }
    /// <summary>The console's language for members who have not chosen one ("en" or "es-CL").</summary>
    public string DefaultCulture { get; private set; } = Localization.UiCultures.English;
    /// <summary>IANA time zone the console shows times in (e.g. "America/Santiago").</summary>
    public string TimeZone { get; private set; } = "UTC";

    public void SetLocale(string culture, string timeZone)
    {
        DefaultCulture = Localization.UiCultures.Normalise(culture) ?? throw new ArgumentOutOfRangeException(nameof(culture), $"The console does not speak '{culture}'.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)) throw new ArgumentOutOfRangeException(nameof(timeZone), $"Unknown time zone '{timeZone}'.");
        TimeZone = timeZone;
    }

    public void SetDealStageApprovalLimit(decimal? limit) =>
        DealStageApprovalLimit = limit is < 0 ? throw new ArgumentOutOfRangeException(nameof(limit), "A limit cannot be negative.") : limit;
}
