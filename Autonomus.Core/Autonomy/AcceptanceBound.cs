using MathNet.Numerics.Distributions;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// How sure we are that an action is accepted often enough: with a uniform Beta(1, 1) prior, <c>accepted</c> of
/// <c>decisions</c> gives the posterior Beta(1 + accepted, 1 + decisions − accepted); the lower end of its equal-tailed 95%
/// interval (its 2.5% quantile) is what must clear the organisation's bar. Few decisions keep it low however good they
/// look: 10 of 10 gives 0.715, 60 of 60 gives 0.941.
/// </summary>
public static class AcceptanceBound
{
    public static decimal LowerBound(decimal accepted, int decisions)
    {
        if (decisions <= 0) return 0;
        var a = 1 + (double)Math.Clamp(accepted, 0, decisions);
        var b = 1 + decisions - (double)Math.Clamp(accepted, 0, decisions);
        return Math.Round((decimal)Beta.InvCDF(a, b, 0.025), 4);
    }
}
