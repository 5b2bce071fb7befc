using Autonomus.Core.Automations;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>A test run: the record to run on, and which version (the draft, else the published one, when absent).</summary>
public sealed record TestBody(Guid? RecordId, int? Version);

/// <summary>A disable: why.</summary>
public sealed record DisableBody(string? Reason);

/// <summary>
/// /api/v1/automations: automations as versioned documents, the same use case as the console's (Admins). A document is the
/// body (as exported); a PUT saves a new draft; publish makes a version run; <c>/schema</c> is the documents' JSON schema;
/// <c>/{id}/export</c> a version as a file to keep in a repository.
/// </summary>
internal static class AutomationEndpoints
{
    public static void MapAutomationEndpoints(this RouteGroupBuilder api)
    {
        var automations = api.MapGroup("/automations").WithTags("Automations");
        automations.MapGet("/schema", () => TypedResults.Text(ManageAutomations.SchemaJson, "application/schema+json"));
        automations.MapGet("/", async (ManageAutomations manage, CancellationToken ct) => TypedResults.Ok(await manage.ListAsync(ct)));
        automations.MapPost("/", async (HttpRequest request, ManageAutomations manage, CancellationToken ct) =>
        {
            var id = await manage.CreateAsync(await BodyAsync(request, ct), ct);
            return TypedResults.Created($"/api/v1/automations/{id}", await manage.GetAsync(id, ct: ct));
        }).RequireAuthorization(Policies.ApiAdminister);
        automations.MapGet("/{id:guid}", async (Guid id, int? version, ManageAutomations manage, CancellationToken ct) =>
            TypedResults.Ok(await manage.GetAsync(id, version, ct)));
        automations.MapPut("/{id:guid}", async (Guid id, string? note, HttpRequest request, ManageAutomations manage, CancellationToken ct) =>
        {
            await manage.SaveDraftAsync(id, await BodyAsync(request, ct), note, ct);
            return TypedResults.Ok(await manage.GetAsync(id, ct: ct));
        }).RequireAuthorization(Policies.ApiAdminister);
        automations.MapGet("/{id:guid}/versions", async (Guid id, ManageAutomations manage, CancellationToken ct) =>
            TypedResults.Ok((await manage.GetAsync(id, ct: ct)).Versions));
        automations.MapGet("/{id:guid}/diff", async Task<IResult> (Guid id, int? from, int? to, ManageAutomations manage, CancellationToken ct) =>
        {
            if (from is { } a && to is { } b) return TypedResults.Ok(await manage.DiffAsync(id, a, b, ct));
            // The automation is looked up first (it throws when not found): another organisation's id is not found, whatever else is missing.
            await manage.GetAsync(id, ct: ct);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["Say the two versions to compare: ?from=1&to=2."] });
        });
        automations.MapGet("/{id:guid}/export", async (Guid id, int? version, ManageAutomations manage, CancellationToken ct) =>
        {
            var detail = await manage.GetAsync(id, version, ct);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ManageAutomations.Write(detail.Document)), "application/json",
                $"automation-{Slug(detail.Document.Name)}-v{detail.ShownVersion}.json");
        });
        automations.MapPost("/{id:guid}/publish", async (Guid id, int? version, ManageAutomations manage, CancellationToken ct) =>
        {
            await manage.PublishAsync(id, version, ct);
            return TypedResults.Ok(await manage.GetAsync(id, ct: ct));
        }).RequireAuthorization(Policies.ApiAdminister);
        // A test run changes nothing, but it reads any record and runs the document: an Admin's, like the rest.
        automations.MapPost("/{id:guid}/test", async (Guid id, TestBody? body, TestAutomation test, CancellationToken ct) =>
            TypedResults.Ok(await test.HandleAsync(id, body?.RecordId, body?.Version, ct))).RequireAuthorization(Policies.ApiAdminister);
        automations.MapPost("/{id:guid}/disable", async (Guid id, DisableBody? body, ManageAutomations manage, CancellationToken ct) =>
        {
            await manage.DisableAsync(id, body?.Reason, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ApiAdminister);
        automations.MapPost("/{id:guid}/versions/{version:int}/restore", async (Guid id, int version, ManageAutomations manage, CancellationToken ct) =>
        {
            await manage.RestoreAsDraftAsync(id, version, ct);
            return TypedResults.Ok(await manage.GetAsync(id, ct: ct));
        }).RequireAuthorization(Policies.ApiAdminister);
    }

    /// <summary>The document as sent (read whole: it is checked against the schema with its own error paths).</summary>
    private static async Task<string> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private static string Slug(string name) =>
        new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-') is { Length: > 0 } s ? s : "automation";
}
