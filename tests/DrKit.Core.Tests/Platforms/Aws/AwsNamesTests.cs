using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Tests.Platforms.Aws;

public sealed class AwsNamesTests
{
    [Test]
    public void FinalSnapshot_CarriesTheStackAndTheInstancesSuffix_SoNeitherTwoStacksNorTwoLifetimesCollide()
    {
        var a = AwsNames.FinalSnapshot("pilot-light", "context-store", null, "a1b2c3");
        var b = AwsNames.FinalSnapshot("pilot-light-drill-20301130094100-ab12", "context-store", null, "a1b2c3");

        Assert.That(a, Is.EqualTo("pilot-light-context-store-final-a1b2c3"), "stack, component, 'final', the instance's suffix");
        Assert.That(b, Is.Not.EqualTo(a).And.Contain("20301130094100"), "a drill stack's snapshot id carries its start time");
        Assert.That(AwsNames.FinalSnapshot("pilot-light", "context-store", null, "d4e5f6"), Is.Not.EqualTo(a),
            "a replacement or re-created instance draws a new suffix: its delete does not hit DBSnapshotAlreadyExists");
        Assert.That(AwsNames.FinalSnapshot("pilot-light", "context-store", "us-west-2", "a1b2c3"), Is.EqualTo("pilot-light-context-store-us-west-2-final-a1b2c3"),
            "a promoted replica's snapshot also names its region");
    }

    [TestCase("Team_A.prod", "team-a-prod-db-final-abc123")]
    [TestCase("9lives", "s-9lives-db-final-abc123")]
    [TestCase("a--b", "a-b-db-final-abc123")]
    public void FinalSnapshot_IsAValidRdsIdentifier_WhateverTheStackName(string stack, string expected) =>
        Assert.That(AwsNames.FinalSnapshot(stack, "db", null, "ABC123"), Is.EqualTo(expected), "lower case, a letter first, no '--', no trailing '-'");

    [Test]
    public void Identifier_CutToItsLimit_KeepsAHashOfTheWholeName_SoComponentsSharingAPrefixStayDistinct()
    {
        var stack = "a-rather-long-stack-name-drill-20301130094100-ab12";
        var a = AwsNames.Identifier($"{stack}-orders-db-a", AwsNames.DbInstanceIdMax);
        var b = AwsNames.Identifier($"{stack}-orders-db-b", AwsNames.DbInstanceIdMax);

        Assert.That(a, Is.Not.EqualTo(b), "cutting from the right alone would make both 'orders-db-' and the second restore fail with DBInstanceAlreadyExists");
        Assert.That(new[] { a, b }, Has.All.Length.LessThanOrEqualTo(AwsNames.DbInstanceIdMax).And.All.Not.Contain("--").And.All.Not.EndWith("-"), "still valid RDS identifiers");
        Assert.That(AwsNames.Identifier("short-name", AwsNames.DbInstanceIdMax), Is.EqualTo("short-name"), "names within the limit are unchanged");
    }

    [Test]
    public void FailbackReplica_AcrossManyFailbacks_NeverNamesTheCurrentWriter()
    {
        // Each failback adopts <stem>-g<N> and the next re-seeds beside it as <stem>-g<N+1>; a name that only grew by a
        // suffix would, near 63 characters, be cut back to the current writer's own name.
        var writer = "pilot-light-context-store-primary-abc1234";
        var seen = new HashSet<string>(StringComparer.Ordinal) { writer };
        for (var cycle = 1; cycle <= 40; cycle++)
        {
            var next = AwsNames.FailbackReplica(writer);
            Assert.Multiple(() =>
            {
                Assert.That(next, Is.Not.EqualTo(writer), $"cycle {cycle}: the re-seed of {writer} must be another instance");
                Assert.That(AwsNames.IsDbInstanceIdentifier(next), Is.True, $"cycle {cycle}: '{next}' is a valid identifier");
                Assert.That(seen.Add(next), Is.True, $"cycle {cycle}: '{next}' was never used before");
            });
            writer = next;
        }

        Assert.That(writer, Is.EqualTo("pilot-light-context-store-primary-abc1234-g40"), "one stem, the generation counted up: names do not grow with each failback");
    }

    [TestCase(62)]
    [TestCase(63)]
    public void FailbackReplica_AtTheIdentifierLimit_NextGenerationNeverTheCurrentName(int length)
    {
        var stem = new string('a', length - 4);
        foreach (var current in new[] { stem + "a-fb", stem + "a-g7", (stem + "abcd")[..length], stem[..^1] + "-g99" })
        {
            var next = AwsNames.FailbackReplica(current);
            Assert.Multiple(() =>
            {
                Assert.That(current, Has.Length.LessThanOrEqualTo(length), "the input as long as the case says");
                Assert.That(next, Is.Not.EqualTo(current), $"{current}: the re-seed is another instance");
                Assert.That(next, Has.Length.LessThanOrEqualTo(AwsNames.DbInstanceIdMax), $"{next}: within RDS's 63 characters");
                Assert.That(AwsNames.IsDbInstanceIdentifier(next), Is.True, $"{next}: a valid identifier");
                Assert.That(next, Does.Match("-g[0-9]+$"), $"{next}: ends with its generation, which clipping never cuts");
            });
        }
    }

    [TestCase("pilot-light-context-store-use1", "pilot-light-context-store-use1-g1")]
    [TestCase("pilot-light-context-store-use1-g1", "pilot-light-context-store-use1-g2")]
    [TestCase("pilot-light-context-store-use1-fb", "pilot-light-context-store-use1-g2")]
    public void FailbackReplica_CountsGenerations(string current, string expected) =>
        Assert.That(AwsNames.FailbackReplica(current), Is.EqualTo(expected), "the earlier suffix is stripped and the generation counted up");
}
