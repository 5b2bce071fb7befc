using Autonomus.Core.Crm;
using Autonomus.Core.History.Restore;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>A restore asked for: the moment the values come from, the fields (all that differ when none are named) and a note for the reviewer.</summary>
public sealed record RestoreBody(DateTimeOffset? AsOf, IReadOnlyList<string>? Fields, string? Note);

/// <summary>A privacy erasure: the request it answers.</summary>
public sealed record ErasureBody(string? Reason);

/// <summary>A legal hold placed (with why) or lifted.</summary>
public sealed record LegalHoldBody(bool Hold, string? Reason);

/// <summary>An archive: why, and for an account with contacts or deals, whether they go with it ("archive") or stay ("keep").</summary>
public sealed record ArchiveBody(string? Reason, RelatedRecords? Related);

/// <summary>
/// A record's life beyond edits: a restore to an earlier moment (previewed, then asked for as a suggestion that goes through
/// review), archive with a reason and bring back, and the archive's list. The same use cases as the record pages.
/// </summary>
internal static class RecordLifecycleEndpoints
{
    public static void MapLifecycle(this RouteGroupBuilder records, RecordType type)
    {
        records.MapGet("/{id:guid}/restore", async (Guid id, DateTimeOffset? asOf, string? fields, RequestRestore restore, CancellationToken ct) =>
            TypedResults.Ok(await restore.PreviewAsync(type, id, asOf, Fields(fields), ct)));
        records.MapPost("/{id:guid}/restore", async (Guid id, RestoreBody body, RequestRestore restore, CancellationToken ct) =>
        {
            var r = await restore.RequestAsync(type, id, body.AsOf, body.Fields is { Count: > 0 } f ? f : null, body.Note, ct);
            return TypedResults.Accepted(r.SuggestionId is { } s ? $"/api/v1/suggestions/{s}" : null as string, r);
        }).RequireAuthorization(Policies.ApiWrite);
        records.MapPost("/{id:guid}/archive", async (Guid id, ArchiveBody body, ArchiveRecord archive, HttpRequest request, CancellationToken ct) =>
            ApiProblems.TryReadOptionalVersion(request, out var version)
                ? TypedResults.Ok(await archive.ArchiveAsync(type, id, body.Reason ?? "", body.Related, version, ct))
                : ApiProblems.VersionRequired()).RequireAuthorization(Policies.ApiWrite);
        if (Autonomus.Core.History.Erasure.ErasePersonalData.PersonalFields.ContainsKey(type))
        {
            records.MapPut("/{id:guid}/legal-hold", async (Guid id, LegalHoldBody body, Autonomus.Core.History.Erasure.ErasePersonalData erasure, CancellationToken ct) =>
            {
                await erasure.SetLegalHoldAsync(type, id, body.Hold, body.Reason, ct);
                return TypedResults.NoContent();
            }).RequireAuthorization(Policies.ApiAdminister);
            records.MapPost("/{id:guid}/erase", async (Guid id, ErasureBody body, Autonomus.Core.History.Erasure.ErasePersonalData erasure, CancellationToken ct) =>
                TypedResults.Ok(await erasure.EraseAsync(type, id, body.Reason ?? "", ct))).RequireAuthorization(Policies.ApiAdminister);
        }
        records.MapPost("/{id:guid}/unarchive", async (Guid id, ArchiveRecord archive, CancellationToken ct) =>
        {
            await archive.UnarchiveAsync(type, id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiWrite);
    }

    /// <summary>GET /api/v1/archive?kind=deal: the archived records of a kind, most recently archived first.</summary>
    public static void MapArchive(this RouteGroupBuilder api) =>
        api.MapGet("/archive", async (RecordType? kind, [Microsoft.AspNetCore.Http.AsParameters] ApiPaging paging, ArchivedRecords archive, CancellationToken ct) =>
            kind is not { } k
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["Say which archive: lead, contact, account or deal."] })
                : (IResult)TypedResults.Ok(paging.Wrap(await archive.ListAsync(k, paging.ToRequest(), ct)))).WithTags("Archive");

    /// <summary>
    /// GET /api/v1/batches/{id}/undo: what undoing a batch would do, record by record, with conflicts; POST runs it (an
    /// Admin's), answering each record's outcome and the undo's own batch id.
    /// </summary>
    public static void MapBatchUndo(this RouteGroupBuilder api)
    {
        var batches = api.MapGroup("/batches").WithTags("Batches");
        batches.MapGet("/{id:guid}/undo", async (Guid id, Autonomus.Core.History.Batches.UndoBatch undo, CancellationToken ct) =>
            TypedResults.Ok(await undo.PreviewAsync(id, ct)));
        batches.MapPost("/{id:guid}/undo", async (Guid id, Autonomus.Core.History.Batches.UndoBatch undo, CancellationToken ct) =>
            TypedResults.Ok(await undo.RunAsync(id, ct))).RequireAuthorization(Policies.ApiAdminister);
    }

    private static string[]? Fields(string? fields) =>
        fields?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } f ? f : null;
}
