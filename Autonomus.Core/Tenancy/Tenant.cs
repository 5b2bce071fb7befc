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

    public void SetDealStageApprovalLimit(decimal? limit) =>
        DealStageApprovalLimit = limit is < 0 ? throw new ArgumentOutOfRangeException(nameof(limit), "A limit cannot be negative.") : limit;
}
