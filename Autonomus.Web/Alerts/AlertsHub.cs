using Autonomus.Core.Alerts;
using Autonomus.Core.Authorization;
using Autonomus.Core.Suggestions;
using Autonomus.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Autonomus.Web.Alerts;

/// <summary>
/// /hubs/alerts for clients outside the console (the console's own pages hear alerts through their circuit). Signed-in
/// people only, by cookie or bearer token (one of them: Credentials.SchemeFor; never an API key); each connection joins its tenant's groups for its role and team, so it
/// hears only its own organisation. On every (re)connect the caller gets the pending count it may see, which is how a
/// client that was away catches up.
/// </summary>
[Authorize]
public sealed class AlertsHub(CurrentUserTenantContext tenant, RecordAccess access, SuggestionQueries suggestions, HubSessions sessions) : Hub
{
    public const string Path = "/hubs/alerts";
    public const string AlertMethod = "alert";
    public const string PendingMethod = "pending";

    public override async Task OnConnectedAsync()
    {
        tenant.SetUser(Context.User);
        if (tenant.TenantId is not { } tenantId || tenant.UserId is not { } userId)
        {
            Context.Abort();
            return;
        }
        sessions.Opened(Context, tenantId, userId);
        foreach (var group in AlertAudience.Of(tenantId, tenant.UserId, tenant.Roles, tenant.Team))
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        if (access.CanReview)
            await Clients.Caller.SendAsync(PendingMethod, await suggestions.CountPendingAsync(Context.ConnectionAborted));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Closed(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
