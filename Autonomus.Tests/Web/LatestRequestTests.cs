using Autonomus.Web.Components.Shared;

namespace Autonomus.Tests.Web;

public sealed class LatestRequestTests
{
    [Fact]
    public void OnlyTheNewestRequestMayApplyItsAnswer()
    {
        var requests = new LatestRequest();
        var first = requests.Begin();
        var second = requests.Begin();
        Assert.False(requests.IsLatest(first));
        Assert.True(requests.IsLatest(second));
    }
}
