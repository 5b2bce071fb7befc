using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Tenancy;

/// <summary>The organisation's default language (for members who chose none) and the time zone its times show in.</summary>
public sealed record OrganisationLocale(string DefaultCulture, string TimeZone);

/// <summary>
/// Reads and changes the organisation's language and time zone. Admins only; a change is on the ledger. Members
/// without a language of their own see the new default within the session re-check (a minute), as their sign-in is
/// renewed.
/// </summary>
public sealed class ManageOrganisationLocale(ICrmDbFactory dbFactory, ITenantContext actor, RecordAccess access, LedgerWriter ledger)
{
    public async Task<OrganisationLocale> GetAsync(CancellationToken ct = default)
    {
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        await using var db = await dbFactory.OpenAsync(ct);
        return await db.Tenants.Where(t => t.Id == tenantId).Select(t => new OrganisationLocale(t.DefaultCulture, t.TimeZone)).SingleAsync(ct);
    }

    public async Task<OrganisationLocale> SetAsync(OrganisationLocale locale, CancellationToken ct = default)
    {
        access.EnsureAdmin("Only Admins change the organisation's language and time zone.");
        var tenantId = actor.TenantId ?? throw new AccessDenied("No organisation.");
        var errors = new Dictionary<string, string[]>();
        if (UiCultures.Normalise(locale.DefaultCulture) is null) errors["defaultCulture"] = [ValidationText.CultureUnknown];
        if (string.IsNullOrWhiteSpace(locale.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(locale.TimeZone, out _)) errors["timeZone"] = [ValidationText.TimeZoneUnknown];
        if (errors.Count > 0) throw new InputInvalid(errors);

        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId, ct);
        tenant.SetLocale(locale.DefaultCulture, locale.TimeZone);
        await db.SaveChangesAsync(ct);
        var who = await LedgerActor.OfAsync(db, actor, "admin", ct);
        await ledger.AppendAsync(db, tenantId,
        [
            new LedgerDraft(LedgerKinds.OrganisationLocaleChanged, who.Type, who.Id, who.Name, "tenant", tenantId, Guid.CreateVersion7(),
                CanonicalJson.Serialize(new { defaultCulture = tenant.DefaultCulture, timeZone = tenant.TimeZone })),
        ], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OrganisationLocale(tenant.DefaultCulture, tenant.TimeZone);
    }
}
