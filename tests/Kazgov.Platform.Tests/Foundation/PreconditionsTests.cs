using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Tests.Foundation;

public sealed class PreconditionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    public void A_change_without_a_version_is_428(string? ifMatch) =>
        Code(() => Preconditions.RequireCurrent(ifMatch, 3)).Should().Be("if-match-required");

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("W/\"3\"")]
    public void A_stale_or_weak_tag_is_412(string ifMatch) =>
        Code(() => Preconditions.RequireCurrent(ifMatch, 3)).Should().Be("precondition-failed");

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("\"2\", \"3\"")]
    public void The_current_version_passes(string ifMatch) =>
        Code(() => Preconditions.RequireCurrent(ifMatch, 3)).Should().BeNull();

    private static string? Code(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (ProblemException problem)
        {
            return problem.Type.Code;
        }
    }
}
