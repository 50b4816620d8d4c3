using DrKit.Core.Config;

namespace DrKit.Core.Tests.Config;

internal static class ProblemAssertions
{
    /// <summary>Asserts exactly one problem sits at <paramref name="keyPath"/> in the test file and returns it.</summary>
    public static ConfigProblem At(this IReadOnlyList<ConfigProblem> problems, string keyPath, string messagePart)
    {
        var matches = problems.Where(p => p.KeyPath == keyPath).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"expected one problem at {keyPath}; got: {string.Join(" | ", problems)}");
        var problem = matches[0];
        Assert.Multiple(() =>
        {
            Assert.That(problem.Location.File, Is.EqualTo(TestStacks.File), "the problem names the file");
            Assert.That(problem.Message, Does.Contain(messagePart), $"the message at {keyPath} should say what was expected");
        });
        return problem;
    }
}
