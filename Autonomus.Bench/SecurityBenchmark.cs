namespace Autonomus.Bench;

/// <summary>
/// 4. What two zero-trust changes cost against what they replaced: (a) appending to the ledger through the
/// SECURITY DEFINER function <c>ledger_append</c> (with the app's HMAC) against the previous lock-head + INSERT with a
/// hash computed in C#; (b, c) authenticating an API request with an ES256 JWT plus the session-stamp check against
/// unprotecting the previous data-protected bearer ticket, set beside the database work of a typical GET.
/// </summary>
public sealed class SecurityBenchmark(BenchSettings s)
{
    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var results = new List<Result>(await new LedgerAppendBenchmark(s).RunAsync());
        results.AddRange(await new AuthenticationBenchmark(s).RunAsync());
        return results;
    }
}
