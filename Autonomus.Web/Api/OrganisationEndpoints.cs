using Autonomus.Core.Tenancy;
using Autonomus.Web.Tenancy;

namespace Autonomus.Web.Api;

/// <summary>
/// /api/v1/organisation for Admins in person: the organisation's default language and time zone, with the same rules
/// as the Admin page (ManageOrganisationLocale).
/// </summary>
internal static class OrganisationEndpoints
{
    public static void MapOrganisationEndpoints(this RouteGroupBuilder api)
    {
        var organisation = api.MapGroup("/organisation").WithTags("Organisation").RequireAuthorization(Policies.ApiAdminister);
        organisation.MapGet("/locale", async (ManageOrganisationLocale locale, CancellationToken ct) => TypedResults.Ok(await locale.GetAsync(ct)));
        organisation.MapPut("/locale", async (OrganisationLocale body, ManageOrganisationLocale locale, CancellationToken ct) =>
            TypedResults.Ok(await locale.SetAsync(body, ct)));
    }
}
