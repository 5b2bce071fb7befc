using Autonomus.Core.Common;

namespace Autonomus.Tests.Core;

public sealed class CommonTests
{
    [Theory]
    [InlineData("Acme", "%acme%")]
    [InlineData("  50%_off\\ ", "%50\\%\\_off\\\\%")]
    public void LikeContainsLowersTrimsAndEscapesWildcards(string text, string expected) =>
        Assert.Equal(expected, Like.Contains(text));

    [Fact]
    public void PageRequestNormalizedClampsSkipAndTake()
    {
        var page = new PageRequest(-5, 10_000).Normalized();
        Assert.Equal(0, page.Skip);
        Assert.Equal(PageRequest.MaxTake, page.Take);
        Assert.Equal(1, new PageRequest(0, 0).Normalized().Take);
    }

    [Fact]
    public void TextBlankTurnsWhitespaceIntoNullAndTrimsTheRest()
    {
        Assert.Null(Text.Blank("   "));
        Assert.Equal("Santiago", Text.Blank(" Santiago "));
    }
}
