using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.History;

namespace Autonomus.Web.Api;

/// <summary>
/// A record's remembered changes for integrations, the same use case as the record pages: <c>GET /{kind}/{id}/history</c>
/// (newest first, filtered by <c>field</c> and <c>actorType</c>, paged) and <c>GET /{kind}/{id}?asOf=</c> (the record as it
/// was: its tracked fields and version then).
/// </summary>
internal static class HistoryEndpoints
{
    public static void MapHistory(this RouteGroupBuilder records, RecordType type) =>
        records.MapGet("/{id:guid}/history", async (Guid id, [AsParameters] ApiPaging paging, string? field, string? actorType, RecordHistory history,
            CancellationToken ct) => paging.Wrap(await history.ListAsync(type, id, new HistoryFilter(field, actorType), paging.ToRequest(), ct)));

    public static async Task<IResult> AsOfAsync(RecordHistory history, RecordType type, Guid id, DateTimeOffset at, CancellationToken ct) =>
        await history.AsOfAsync(type, id, at, ct) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.Problem(title: "Not found at that moment.",
                detail: $"This {type.ToString().ToLowerInvariant()} did not exist yet at {at:O}: its history starts later.", statusCode: StatusCodes.Status404NotFound);
}
