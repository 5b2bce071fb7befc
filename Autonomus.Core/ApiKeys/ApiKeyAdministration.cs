using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Localization;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.ApiKeys;

public sealed record ApiKeyRow(Guid Id, string Name, ApiKeyScope Scope, string? CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt = null);

public sealed class ApiKeyInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.KeyNameRequired)), StringLength(100)]
    public string Name { get; set; } = "";

    public ApiKeyScope Scope { get; set; } = ApiKeyScope.Read;

    /// <summary>Days until the key expires; empty for a key that lives until revoked.</summary>
    [Range(1, 730, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.KeyExpiryRange))]
    public int? ExpiresInDays { get; set; }
}

/// <summary>Admins issue, list and revoke their tenant's API keys.</summary>
public sealed class ApiKeyAdministration(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext actor, TimeProvider clock)
{
    public const string ApiKeyPrefix = "ak";

    /// <summary>Issues a key and returns its text: the only time it exists outside the caller's hands.</summary>
    public async Task<string> IssueAsync(ApiKeyInput input, CancellationToken ct = default)
    {
        EnsureAdmin();
        InputInvalid.ThrowIfInvalid(input);
        if (actor.UserId is not { } issuer) throw new AccessDenied("Only a person issues API keys.");
        var secret = TenantScopedSecret.New(ApiKeyPrefix, actor.TenantId!.Value);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        db.ApiKeys.Add(new ApiKey(secret.Id, input.Name.Trim(), input.Scope, secret.Hash(), issuer, now,
            input.ExpiresInDays is { } days ? now.AddDays(days) : null));
        await db.SaveChangesAsync(ct);
        return secret.ToString();
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await dbFactory.OpenAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Scope, db.Users.Where(u => u.Id == k.CreatedBy).Select(u => u.DisplayName).FirstOrDefault(),
                k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.ExpiresAt))
            .ToListAsync(ct);
    }

    public async Task RevokeAsync(Guid id, CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await dbFactory.OpenAsync(ct);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new RecordNotFound("ApiKey", id);
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private void EnsureAdmin()
    {
        access.EnsureAdmin("Only an Admin manages API keys.");
    }
}
