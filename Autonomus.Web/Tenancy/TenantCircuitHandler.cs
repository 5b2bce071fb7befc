using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Autonomus.Web.Tenancy;

/// <summary>Keeps a circuit's tenant context in step with its authentication state.</summary>
internal sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, CurrentUserTenantContext tenant)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        tenant.SetUser((await authentication.GetAuthenticationStateAsync()).User);
    }

    private async void OnAuthenticationChanged(Task<AuthenticationState> state)
    {
        try
        {
            tenant.SetUser((await state).User);
        }
        catch
        {
            tenant.SetUser(null);
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
