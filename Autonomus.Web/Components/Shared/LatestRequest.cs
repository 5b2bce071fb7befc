namespace Autonomus.Web.Components.Shared;

/// <summary>
/// Lets a list apply only the answer to its latest request. A grid can fire two loads at once (a sort also
/// jumps to page 1); without this, whichever finishes last would win, and a stale page could replace the
/// one the user asked for.
/// </summary>
public sealed class LatestRequest
{
    private int _latest;

    public int Begin() => Interlocked.Increment(ref _latest);

    public bool IsLatest(int ticket) => Volatile.Read(ref _latest) == ticket;
}
