using Autonomus.Core.Authorization;
using Autonomus.Core.Common;

namespace Autonomus.Web.Api;

/// <summary>Every API error as Problem Details (RFC 9457); the domain's refusals map to their HTTP meaning.</summary>
internal static class ApiProblems
{
    public static async ValueTask<object?> MapErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InputInvalid e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(x => x.Key, x => x.Value), title: Text("Api.InvalidFields"));
        }
        catch (RecordNotFound e)
        {
            return TypedResults.Problem(title: Text("Api.NotFound"), detail: e.Detail, statusCode: StatusCodes.Status404NotFound);
        }
        catch (StaleRecord e)
        {
            return TypedResults.Problem(title: Text("Api.Stale"), detail: e.Message, statusCode: StatusCodes.Status412PreconditionFailed);
        }
        catch (AccessDenied e)
        {
            return TypedResults.Problem(title: Text("Api.Forbidden"), detail: e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (DomainRuleViolation e)
        {
            return TypedResults.Problem(title: Text("Api.Conflict"), detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    /// <summary>The version an update is made against, from <c>If-Match: "3"</c>; a missing or malformed one is refused.</summary>
    public static bool TryReadVersion(HttpRequest request, out int version) => TryParseIfMatch(request, out version) && version > 0;

    /// <summary>
    /// For a resource whose version 0 is its defaults (an agent's settings): If-Match is optional; when given it must be a
    /// version (false otherwise), and <paramref name="version"/> is the one the change was made against.
    /// </summary>
    public static bool TryReadOptionalVersion(HttpRequest request, out int? version)
    {
        version = null;
        if (request.Headers.IfMatch.Count == 0) return true;
        if (!TryParseIfMatch(request, out var seen) || seen < 0) return false;
        version = seen;
        return true;
    }

    private static bool TryParseIfMatch(HttpRequest request, out int version) =>
        int.TryParse(request.Headers.IfMatch.ToString().Trim().Trim('"'), out version);

    public static IResult VersionRequired() => TypedResults.Problem(
        title: Text("Api.VersionRequired"), detail: Text("Api.VersionRequiredDetail"),
        statusCode: StatusCodes.Status428PreconditionRequired);

    public static IResult NotFound() => TypedResults.Problem(title: Text("Api.NotFound"), statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// A title in the request's language (the console's texts; an API client chooses with Accept-Language or
    /// ?culture=). Field messages come from the input rules, in the same language.
    /// </summary>
    internal static string Text(string key) => Localization.ConsoleStringLocalizer.Text(key);

    public static void SetVersion(HttpResponse response, int version) => response.Headers.ETag = $"\"{version}\"";
}

/// <summary>One page of a list, with what was asked for.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int TotalCount, int Skip, int Take);

/// <summary>Paging and sorting query parameters shared by the list endpoints.</summary>
public sealed record ApiPaging(int? Skip, int? Take, string? Sort, bool? Desc)
{
    public PageRequest ToRequest() => new PageRequest(Skip ?? 0, Take ?? 25, Sort, Desc ?? false).Normalized();

    public ApiPage<T> Wrap<T>(Page<T> page)
    {
        var request = ToRequest();
        return new ApiPage<T>(page.Items, page.TotalCount, request.Skip, request.Take);
    }
}
