using System.Linq.Expressions;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Crm.Leads;

public sealed record LeadListFilter(string? Search = null, LeadStatus? Status = null, LeadSource? Source = null, Guid? OwnerId = null);

public sealed record LeadRow(
    Guid Id, string FullName, string? Company, string? Email, LeadStatus Status, LeadSource Source, int Score,
    string? OwnerName, DateTimeOffset? LastActivityAt, DateTimeOffset CreatedAt);

public sealed record LeadDetail(
    Guid Id, string FirstName, string LastName, string? Company, string? Email, string? Phone, LeadSource Source,
    LeadStatus Status, int Score, Guid? OwnerId, string? OwnerName, DateTimeOffset? LastActivityAt,
    DateTimeOffset StatusChangedAt, DateTimeOffset CreatedAt, int Version, int? PredictedScore = null,
    IReadOnlyList<Agents.Prediction.ScoreFactor>? ScoreFactors = null)
{
    public string FullName => $"{FirstName} {LastName}";
}

public sealed class LeadQueries(ICrmDbFactory dbFactory, RecordAccess access)
{
    public static readonly IReadOnlyDictionary<string, Expression<Func<Lead, object?>>> SortKeys =
        new Dictionary<string, Expression<Func<Lead, object?>>>
        {
            ["name"] = l => l.LastName,
            ["company"] = l => l.Company,
            ["status"] = l => l.Status,
            ["source"] = l => l.Source,
            ["score"] = l => l.Score,
            ["lastActivity"] = l => l.LastActivityAt,
            ["created"] = l => l.CreatedAt,
        };

    public async Task<Page<LeadRow>> ListAsync(LeadListFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var query = access.Visible(db, db.Leads.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = Like.Contains(filter.Search);
            // Whoever reads emails masked cannot search by them either: a match would reveal the hidden value.
            var byEmail = !access.MasksPersonalData;
            query = query.Where(l => EF.Functions.Like((l.FirstName + " " + l.LastName).ToLower(), pattern)
                                     || EF.Functions.Like((l.Company ?? "").ToLower(), pattern)
                                     || (byEmail && EF.Functions.Like((l.Email ?? "").ToLower(), pattern)));
        }
        if (filter.Status is { } status) query = query.Where(l => l.Status == status);
        if (filter.Source is { } source) query = query.Where(l => l.Source == source);
        if (filter.OwnerId is { } owner) query = query.Where(l => l.OwnerId == owner);

        var result = await query.ToPageAsync(page, SortKeys, "created", true, l => l.Id,
            l => new LeadRow(l.Id, l.FirstName + " " + l.LastName, l.Company, l.Email, l.Status, l.Source, l.Score,
                db.Users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                l.LastActivityAt, l.CreatedAt),
            ct);
        access.ShownPage(result);
        return access.MasksPersonalData
            ? result with { Items = [.. result.Items.Select(r => r with { Email = PersonalDataMask.Email(r.Email) })] }
            : result;
    }

    /// <summary>The lead, or null when it does not exist in this tenant.</summary>
    public async Task<LeadDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.OpenAsync(ct);
        var row = await access.Visible(db, db.Leads.AsNoTracking()).Where(l => l.Id == id)
            .Select(l => new
            {
                Detail = new LeadDetail(l.Id, l.FirstName, l.LastName, l.Company, l.Email, l.Phone, l.Source, l.Status,
                    l.Score, l.OwnerId, db.Users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                    l.LastActivityAt, l.StatusChangedAt, l.CreatedAt, l.Version, l.PredictedScore, null),
                l.ScoreFactors,
            })
            .SingleOrDefaultAsync(ct);
        var lead = row is null ? null : row.Detail with { ScoreFactors = Agents.Prediction.ScoreFactor.ListFrom(row.ScoreFactors) };
        access.ShownRecord(lead);
        return lead is not null && access.MasksPersonalData
            ? lead with { Email = PersonalDataMask.Email(lead.Email), Phone = PersonalDataMask.Phone(lead.Phone) }
            : lead;
    }
}
