using System.Text.Json;
using Autonomus.Core.Apply;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tools;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>
/// /api/v1/suggestions: the review queue for integrations. Reading takes a token or an API key (the reviewer's
/// visibility, as in the console); approving, rejecting and deferring take a person's token, and run the same use cases
/// as the console's buttons (the Safe Apply Engine: one transaction, idempotent, the kill switch, the record's rules).
/// </summary>
internal static class SuggestionEndpoints
{
    public static void MapSuggestionEndpoints(this RouteGroupBuilder api)
    {
        var suggestions = api.MapGroup("/suggestions").WithTags("Suggestions").RequireAuthorization(Policies.ApiReview);
        suggestions.MapGet("/", ListAsync);
        suggestions.MapGet("/{id:guid}", async Task<IResult> (Guid id, SuggestionQueries q, PreviewSuggestion preview, CancellationToken ct) =>
            await q.GetAsync(id, ct) is { } detail ? TypedResults.Ok(await SuggestionView.OfAsync(detail, preview, ct)) : ApiProblems.NotFound());

        suggestions.MapPost("/bulk", BulkAsync).RequireAuthorization(Policies.ApiDecide);

        var decide = suggestions.MapGroup("/{id:guid}").RequireAuthorization(Policies.ApiDecide).AddEndpointFilter(OnlyVisible);
        decide.MapPost("/approve", async (Guid id, ApproveBody? body, SafeApplyEngine engine, CancellationToken ct) =>
            Decision(await engine.ApproveAsync(new ApprovalRequest(id, body?.Payload is { ValueKind: JsonValueKind.Object } p ? p.GetRawText() : null, body?.Note), ct)));
        decide.MapPost("/reject", async (Guid id, RejectBody? body, ReviewSuggestion review, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body?.Reason)
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [Autonomus.Core.Localization.ValidationText.RejectReasonRequired] })
                : Decision(await review.RejectAsync(id, body.Reason, ct)));
        decide.MapPost("/undo", async (Guid id, UndoBody? body, Autonomus.Core.Autonomy.UndoAutonomousAction undo, CancellationToken ct) =>
            Decision(await undo.UndoAsync(id, body?.Note, ct)));
        decide.MapPost("/defer", async (Guid id, DeferBody? body, ReviewSuggestion review, TimeProvider clock, CancellationToken ct) =>
        {
            var until = body?.Until ?? clock.GetUtcNow().AddDays(1);
            return until <= clock.GetUtcNow()
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["until"] = [Autonomus.Core.Localization.ValidationText.DeferToFuture] })
                : Decision(await review.DeferAsync(id, until, ct));
        });
    }

    /// <summary>
    /// Approves or rejects a list, each suggestion in its own transaction (one failure stops nothing else), and answers
    /// an outcome per id in the order given; an id the caller cannot see is refused as not found, and nothing else.
    /// </summary>
    private static async Task<IResult> BulkAsync(BulkBody? body, BulkReview bulk, SuggestionQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Action is not ("approve" or "reject")) errors["action"] = ["approve or reject"];
        if (body?.Ids is not { Count: > 0 and <= BulkReview.MaxSelection }) errors["ids"] = [$"1 to {BulkReview.MaxSelection} suggestion ids"];
        if (body?.Action == "reject" && string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = [Autonomus.Core.Localization.ValidationText.RejectReasonRequired];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var ids = body!.Ids!.Distinct().ToList();
        var visible = await queries.VisibleAsync(ids, ct);
        var run = ids.Where(visible.Contains).ToList();
        var outcomes = (body.Action == "approve" ? await bulk.ApproveAsync(run, ct: ct) : await bulk.RejectAsync(run, body.Reason!, ct: ct))
            .ToDictionary(o => o.SuggestionId);
        return TypedResults.Ok(ids.Select(id => outcomes.GetValueOrDefault(id) ?? new ApplyOutcome(id, ApplyStatus.Refused, ApiProblems.Text("Api.NotFound"))).ToList());
    }

    /// <summary>
    /// The queue, filtered. With <c>after</c> (the <c>nextCursor</c> of the previous page) it pages by keyset in the queue's
    /// default order, at the same cost on every page; without it, by <c>skip</c>/<c>take</c> (and any <c>sort</c>).
    /// </summary>
    private static async Task<IResult> ListAsync([AsParameters] ApiPaging paging, SuggestionStatus? status, string? triggerType, string? agent,
        string? tool, SuggestionPriority? priority, Guid? ownerId, string? after, SuggestionQueries q, CancellationToken ct)
    {
        var filter = new SuggestionFilter(status ?? SuggestionStatus.Pending, agent, triggerType, tool, priority, OwnerId: ownerId);
        var request = paging.ToRequest();
        if (after is not null)
        {
            if (QueueCursor.TryParse(after) is not { } cursor)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = [ApiProblems.Text("Api.CursorInvalid")] });
            var (keyset, next) = await q.ListAfterAsync(filter, cursor, request.Take, ct);
            return TypedResults.Ok(new SuggestionPage(keyset.Items, keyset.TotalCount, 0, request.Take, next?.ToString()));
        }
        if (request.SortBy is null && request.Skip == 0)
        {
            var (first, next) = await q.ListAfterAsync(filter, null, request.Take, ct);
            return TypedResults.Ok(new SuggestionPage(first.Items, first.TotalCount, 0, request.Take, next?.ToString()));
        }
        var page = await q.ListAsync(filter, request, ct);
        return TypedResults.Ok(new SuggestionPage(page.Items, page.TotalCount, request.Skip, request.Take, null));
    }

    /// <summary>A page of the queue; <c>nextCursor</c> continues the default order by keyset (null on the last page or when sorted).</summary>
    public sealed record SuggestionPage(IReadOnlyList<SuggestionRow> Items, int TotalCount, int Skip, int Take, string? NextCursor);

    /// <summary>"approve" or "reject" (with a reason) for up to 200 ids.</summary>
    public sealed record BulkBody(string? Action, IReadOnlyList<Guid>? Ids, string? Reason);

    /// <summary>A suggestion the caller cannot see (another team's, another organisation's, none) is not found, whatever the verb.</summary>
    private static async ValueTask<object?> OnlyVisible(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id)
            || await http.RequestServices.GetRequiredService<SuggestionQueries>().GetAsync(id, http.RequestAborted) is null)
            return ApiProblems.NotFound();
        return await next(context);
    }

    /// <summary>An edited payload (the tool's JSON object) and a note; both optional.</summary>
    public sealed record ApproveBody(JsonElement? Payload, string? Note);

    public sealed record RejectBody(string? Reason);

    public sealed record UndoBody(string? Note);

    /// <summary>Until when; a day from now when not given.</summary>
    public sealed record DeferBody(DateTimeOffset? Until);

    /// <summary>What a decision came to: done (or done before: the same answer again), or why not as Problem Details.</summary>
    private static IResult Decision(ApplyOutcome outcome) => outcome.Status switch
    {
        ApplyStatus.Applied or ApplyStatus.AlreadyApplied or ApplyStatus.Recorded => TypedResults.Ok(outcome),
        ApplyStatus.Refused when outcome.Errors is { Count: > 0 } errors => TypedResults.ValidationProblem(errors, title: outcome.Message),
        ApplyStatus.Conflict => TypedResults.Problem(title: ApiProblems.Text("Api.SuggestionConflict"), detail: outcome.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: outcome.Result is { } diff ? new Dictionary<string, object?> { ["changes"] = JsonDocument.Parse(diff).RootElement } : null),
        ApplyStatus.Failed => TypedResults.Problem(title: ApiProblems.Text("Api.SuggestionFailed"), detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(title: ApiProblems.Text("Api.SuggestionRefused"), detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
    };
}

/// <summary>A suggestion as the API shows it: what it proposes and why, what it would change now, and its history.</summary>
public sealed record SuggestionView(Suggestion Suggestion, IReadOnlyList<FieldChange> Changes, string? Refusal, IReadOnlyList<LedgerTrailItem> Trail)
{
    public static async Task<SuggestionView> OfAsync(SuggestionDetail detail, PreviewSuggestion preview, CancellationToken ct)
    {
        var s = detail.Suggestion;
        var result = await preview.HandleAsync(s.Tool, s.EffectivePayload, ct);
        return new SuggestionView(s, result.Preview?.Fields ?? [], result.Refusal, detail.Trail);
    }
}
