using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Authentication;

/// <summary>How often sign-in may be tried (section <c>Autonomus:SignIn</c>).</summary>
public sealed class SignInLimits
{
    public const string Section = "Autonomus:SignIn";

    /// <summary>Attempts per account (password, code or recovery code) within <see cref="AccountWindow"/>, whoever makes them.</summary>
    public int AttemptsPerAccount { get; set; } = 10;
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests to the sign-in pages and token endpoints per client address and minute.</summary>
    public int RequestsPerAddressPerMinute { get; set; } = 60;
}

/// <summary>
/// The per-account half of sign-in throttling (the per-address half is the "sign-in" rate-limit policy): slows a
/// password spray or a code guesser spread over many addresses, for accounts that exist and those that do not alike,
/// on top of Identity's lockout after five failures. Kept per node, in memory.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts;

    public SignInThrottle(IOptions<SignInLimits> limits)
    {
        var l = limits.Value;
        _accounts = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetSlidingWindowLimiter(account,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = l.AttemptsPerAccount, Window = l.AccountWindow, SegmentsPerWindow = 15, QueueLimit = 0 }));
    }

    /// <summary>False when this account has had too many attempts lately: refuse without checking anything.</summary>
    public bool TryAttempt(string account)
    {
        using var lease = _accounts.AttemptAcquire(account.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public const string TooManyForAccount = "Too many sign-in attempts for this account. Wait 15 minutes and try again.";

    public void Dispose() => _accounts.Dispose();
}
