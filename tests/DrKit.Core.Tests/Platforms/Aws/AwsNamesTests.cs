using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Tests.Platforms.Aws;

public sealed class AwsNamesTests
{
    [Test]
    public void FinalSnapshot_CarriesTheStack_SoTwoStacksNeverCollide()
    {
        var a = AwsNames.FinalSnapshot("pilot-light", "context-store");
        var b = AwsNames.FinalSnapshot("pilot-light-drill-20301130094100-ab12", "context-store");

        Assert.That(a, Is.EqualTo("pilot-light-context-store-final"), "stack, component, 'final'");
        Assert.That(b, Is.Not.EqualTo(a).And.Contain("20301130094100"), "a drill stack's snapshot id carries its start time");
        Assert.That(AwsNames.FinalSnapshot("pilot-light", "context-store", "us-west-2"), Is.EqualTo("pilot-light-context-store-us-west-2-final"),
            "a promoted replica's snapshot also names its region");
    }

    [TestCase("Team_A.prod", "team-a-prod-db-final")]
    [TestCase("9lives", "s-9lives-db-final")]
    [TestCase("a--b", "a-b-db-final")]
    public void FinalSnapshot_IsAValidRdsIdentifier_WhateverTheStackName(string stack, string expected) =>
        Assert.That(AwsNames.FinalSnapshot(stack, "db"), Is.EqualTo(expected), "lower case, a letter first, no '--', no trailing '-'");
}
