using Autonomus.Core.Ledger;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>
/// /api/v1/ledger for Admins and Auditors: verify the chain (optionally against a checkpoint kept outside the system)
/// and download a signed checkpoint of its head.
/// </summary>
internal static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        var ledger = api.MapGroup("/ledger").WithTags("Ledger").RequireAuthorization(Policies.ApiAudit);
        ledger.MapPost("/verify", async (SignedCheckpoint? kept, VerifyLedger verify, CancellationToken ct) =>
            TypedResults.Ok(await verify.HandleAsync(kept, ct: ct)));
        ledger.MapGet("/checkpoint", async Task<IResult> (VerifyLedger verify, CancellationToken ct) =>
            await verify.LatestCheckpointAsync(ct) switch
            {
                (_, { } checkpoint) => TypedResults.Ok(checkpoint),
                var (verification, _) => NoCheckpoint(verification),
            });
    }

    private static IResult NoCheckpoint(LedgerVerification verification) => verification.Intact
        ? TypedResults.Problem(title: "The ledger has no entries yet.", detail: "A checkpoint is signed once the chain has its first entry.",
            statusCode: StatusCodes.Status404NotFound)
        : TypedResults.Problem(title: "The chain does not verify.", detail: $"No checkpoint is signed for a broken chain. {verification.Message}",
            statusCode: StatusCodes.Status409Conflict);

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The console's download of the same checkpoint (cookie, Admins and Auditors).</summary>
    public static void MapLedgerCheckpointDownload(this WebApplication app) =>
        app.MapGet("/ledger/checkpoint.json", async Task<IResult> (VerifyLedger verify, CancellationToken ct) =>
                await verify.LatestCheckpointAsync(ct) switch
                {
                    (_, { } checkpoint) => Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(checkpoint, Indented), "application/json",
                        $"ledger-checkpoint-{checkpoint.Sequence}.json"),
                    var (verification, _) => NoCheckpoint(verification),
                })
            .RequireAuthorization(Policies.Audit).ExcludeFromDescription();
}
