using System.Linq.Expressions;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Deals;

public sealed record DealListFilter(string? Search = null, DealStage? Stage = null, Guid? OwnerId = null, Guid? AccountId = null, bool OpenOnly = false);

public sealed record DealRow(Guid Id, string Name, Guid AccountId, string? AccountName, decimal Amount, string Currency,
    DealStage Stage, int Probability, DateOnly ExpectedCloseDate, string? OwnerName, DateTimeOffset? LastActivityAt);

public sealed record DealStageChangeRow(DealStage? FromStage, DealStage ToStage, DateTimeOffset ChangedAt, string? ChangedByName, bool IsRegression);

public sealed record DealDetail(Guid Id, string Name, Guid AccountId, string? AccountName, decimal Amount, string Currency,
    DealStage Stage, int Probability, DateOnly ExpectedCloseDate, Guid? OwnerId, string? OwnerName, DateTimeOffset StageChangedAt,
    DateTimeOffset? ClosedAt, DateTimeOffset? LastActivityAt, DateTimeOffset CreatedAt, int Version,
    IReadOnlyList<DealStageChangeRow> StageHistory, int? WinProbability = null, IReadOnlyList<Agents.Prediction.ScoreFactor>? WinFactors = null);

/// <summary>One column of the pipeline board: totals over every deal in the stage, and the largest few.</summary>
public sealed record DealStageColumn(DealStage Stage, int Count, decimal TotalAmount, IReadOnlyList<DealRow> TopDeals);

public sealed class DealQueries(ICrmDbFactory dbFactory, RecordAccess access)
{
    public static readonly IReadOnlyDictionary<string, Expression<Func<Deal, object?>>> SortKeys =
        new Dictionary<string, Expression<Func<Deal, object?>>>
        {
            ["name"] = d => d.Name,
            ["amount"] = d => d.Amount,
            ["stage"] = d => d.Stage,
            ["probability"] = d => d.Probability,
            ["closeDate"] = d => d.ExpectedCloseDate,
            ["lastActivity"] = d => d.LastActivityAt,
            ["created"] = d => d.CreatedAt,
        };

    public async Task<Page<DealRow>> ListAsync(DealListFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        return access.ShownPage(await Filter(access.Visible(db, db.Deals.AsNoTracking()), filter).ToPageAsync(page, SortKeys, "closeDate", false, d => d.Id, ToRow(db), ct));
    }

    /// <summary>The pipeline grouped by stage: one grouped aggregate plus one query per stage for its top deals.</summary>
    public async Task<IReadOnlyList<DealStageColumn>> BoardAsync(DealListFilter filter, int topPerStage = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var query = Filter(access.Visible(db, db.Deals.AsNoTracking()), filter with { Stage = null });
        var totals = await query.GroupBy(d => d.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count(), Total = g.Sum(d => d.Amount) })
            .ToDictionaryAsync(x => x.Stage, ct);

        var columns = new List<DealStageColumn>();
        foreach (var stage in Enum.GetValues<DealStage>())
        {
            if (filter.OpenOnly && stage.IsClosed()) continue;
            var top = totals.ContainsKey(stage)
                ? await query.Where(d => d.Stage == stage).OrderByDescending(d => d.Amount).ThenBy(d => d.Id).Take(topPerStage).Select(ToRow(db)).ToListAsync(ct)
                : [];
            totals.TryGetValue(stage, out var t);
            columns.Add(new DealStageColumn(stage, t?.Count ?? 0, t?.Total ?? 0, top));
        }
        return columns;
    }

    public async Task<DealDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var deal = await access.Visible(db, db.Deals.AsNoTracking()).Where(d => d.Id == id)
            .Select(d => new
            {
                d.Id, d.Name, d.AccountId,
                AccountName = db.Accounts.Where(a => a.Id == d.AccountId).Select(a => a.Name).FirstOrDefault(),
                d.Amount, d.Currency, d.Stage, d.Probability, d.ExpectedCloseDate, d.OwnerId,
                OwnerName = db.Users.Where(u => u.Id == d.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                d.StageChangedAt, d.ClosedAt, d.LastActivityAt, d.CreatedAt, d.Version, d.WinProbability, d.WinFactors,
            })
            .SingleOrDefaultAsync(ct);
        if (deal is null) return null;

        var history = await db.DealStageChanges.AsNoTracking().Where(h => h.DealId == id)
            .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => new DealStageChangeRow(h.FromStage, h.ToStage, h.ChangedAt,
                db.Users.Where(u => u.Id == h.ChangedBy).Select(u => u.DisplayName).FirstOrDefault(), h.IsRegression))
            .ToListAsync(ct);

        access.Shown(1);
        return new DealDetail(deal.Id, deal.Name, deal.AccountId, deal.AccountName, deal.Amount, deal.Currency, deal.Stage,
            deal.Probability, deal.ExpectedCloseDate, deal.OwnerId, deal.OwnerName, deal.StageChangedAt, deal.ClosedAt,
            deal.LastActivityAt, deal.CreatedAt, deal.Version, history, deal.WinProbability, Agents.Prediction.ScoreFactor.ListFrom(deal.WinFactors));
    }

    private static IQueryable<Deal> Filter(IQueryable<Deal> query, DealListFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search)) query = query.Where(d => EF.Functions.Like(d.Name.ToLower(), Like.Contains(filter.Search)));
        if (filter.Stage is { } stage) query = query.Where(d => d.Stage == stage);
        if (filter.OwnerId is { } owner) query = query.Where(d => d.OwnerId == owner);
        if (filter.AccountId is { } account) query = query.Where(d => d.AccountId == account);
        if (filter.OpenOnly) query = query.Where(d => d.Stage != DealStage.ClosedWon && d.Stage != DealStage.ClosedLost);
        return query;
    }

    private static Expression<Func<Deal, DealRow>> ToRow(ICrmDb db) =>
        d => new DealRow(d.Id, d.Name, d.AccountId, db.Accounts.Where(a => a.Id == d.AccountId).Select(a => a.Name).FirstOrDefault(),
            d.Amount, d.Currency, d.Stage, d.Probability, d.ExpectedCloseDate,
            db.Users.Where(u => u.Id == d.OwnerId).Select(u => u.DisplayName).FirstOrDefault(), d.LastActivityAt);
}
