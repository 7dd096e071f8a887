using Kazgov.Kernel.Localization;

namespace Kazgov.Kernel.Problems;

/// <summary>A kind of problem: its stable machine code, HTTP status and title in three languages.</summary>
public sealed record ProblemType(string Code, int Status, LocalizedText Title)
{
    public string TypeUri => "urn:kazgov:problem:" + Code;
}
