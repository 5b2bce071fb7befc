using Autonomus.Web.Tenancy;

namespace Microsoft.AspNetCore.Builder;

public static class TenantContextMiddleware
{
    /// <summary>After authentication: the request's tenant is the signed-in user's.</summary>
    public static IApplicationBuilder UseTenantContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUserTenantContext>().SetUser(context.User);
            await next(context);
        });
}
