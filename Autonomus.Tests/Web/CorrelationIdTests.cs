namespace Autonomus.Tests.Web;

public sealed class CorrelationIdTests
{
    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("0195a000.trace_ID", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("line\nbreak", false)]
    [InlineData("this-id-is-way-too-long-this-id-is-way-too-long-this-id-is-way-too-long", false)]
    public void OnlyShortIdsOfSafeCharactersAreAccepted(string value, bool expected) =>
        Assert.Equal(expected, Microsoft.AspNetCore.Builder.CorrelationId.IsWellFormed(value));
}
