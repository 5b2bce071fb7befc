using Autonomus.Core.Alerts;
using Autonomus.Core.Authorization;
using Autonomus.Core.Suggestions;
using Autonomus.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Autonomus.Web.Alerts;

/// <summary>
/// /hubs/alerts for clients outside the console (the console's own pages hear alerts through their circuit). Signed-in
/// people only, by cookie or bearer token; each connection joins its tenant's groups for its role and team, so it
/// hears only its own organisation. On every (re)connect the caller gets the pending count it may see, which is how a
/// client that was away catches up.
/// </summary>
[Authorize(AuthenticationSchemes = AuthenticationSchemes)]
public sealed class AlertsHub(CurrentUserTenantContext tenant, RecordAccess access, SuggestionQueries suggestions) : Hub
{
    public const string Path = "/hubs/alerts";
    public const string AlertMethod = "alert";
    public const string PendingMethod = "pending";
    private const string AuthenticationSchemes = "Identity.Application,Identity.Bearer";

    public override async Task OnConnectedAsync()
    {
        tenant.SetUser(Context.User);
        if (tenant.TenantId is not { } tenantId)
        {
            Context.Abort();
            return;
        }
        foreach (var group in AlertAudience.Of(tenantId, tenant.UserId, tenant.Roles, tenant.Team))
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        if (access.CanReview)
            await Clients.Caller.SendAsync(PendingMethod, await suggestions.CountPendingAsync(Context.ConnectionAborted));
        await base.OnConnectedAsync();
    }
}
