using DrKit.Core.Config;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Tests.Config;

/// <summary>
/// The service and stack names become parts of ECR repository names, which ECR refuses unless lower case: a stack
/// named like that is rejected when read, with the file and key, instead of at the first CreateRepository.
/// </summary>
public sealed class RegistryNameTests
{
    private static readonly string Images = TestStacks.Component("kind: container-images", "strategy: pilot-light", "repositories: [api]");

    [Test]
    public void UpperCaseService_WithImages_IsRejected()
    {
        var yaml = TestStacks.Yaml(Images, "us-west-2").Replace("  drkit:primaryRegion:", "  drkit:service: RagAssistant\n  drkit:primaryRegion:", StringComparison.Ordinal);

        var problems = TestStacks.Problems(yaml);

        var problem = problems.At("drkit:service", "expected lower-case letters and digits");
        Assert.That(problem.Message, Does.Contain("'RagAssistant'"), "the message quotes what was given");
    }

    [Test]
    public void UpperCaseStackName_WithImages_IsRejected()
    {
        var yaml = TestStacks.Yaml(Images, "us-west-2");

        var e = Assert.Throws<StackConfigException>(() => StackSpecReader.Read("Prod", YamlStackFile.Parse(yaml, TestStacks.File)))!;

        Assert.That(e.Problems.Single().Message, Does.Contain("'Prod' is part of the stack's ECR repository names").And.Contain("Prod/Prod/<repository>"),
            "without drkit:service the stack name stands for the service: one problem, naming the stack");
    }

    [Test]
    public void UpperCaseStackName_WithoutImages_IsAccepted() =>
        Assert.That(() => StackSpecReader.Read("Prod", YamlStackFile.Parse(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light"), "us-west-2"), TestStacks.File)),
            Throws.Nothing, "only ECR needs lower-case names; other resources are named through AwsNames");

    [TestCase("rag-assistant", true)]
    [TestCase("rag.assistant_2", true)]
    [TestCase("Rag", false)]
    [TestCase("rag--assistant", false)]
    [TestCase("rag-", false)]
    [TestCase("-rag", false)]
    [TestCase("", false)]
    [TestCase("rag/assistant", false)]
    public void IsEcrPart_FollowsTheRepositoryNamePattern(string part, bool accepted) =>
        Assert.That(AwsLimits.IsEcrPart(part), Is.EqualTo(accepted), "ECR: lower-case parts joined by single '.', '_' or '-'");

    [Test]
    public void GlobalDatastoreSuffix_NormalisesAndCapsStackNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AwsLimits.GlobalDatastoreSuffix("pilot-light", "session-cache"), Is.EqualTo("pilot-light-session-cache"),
                "names ElastiCache accepts are kept as they are, so existing Global Datastores are not replaced");
            Assert.That(AwsLimits.GlobalDatastoreSuffix("Prod_EU.1", "cache"), Is.EqualTo("prod-eu-1-cache"), "upper case, '_' and '.' become what ElastiCache accepts");
            var longer = AwsLimits.GlobalDatastoreSuffix("a-very-long-stack-name-for-europe-west", "session-cache");
            Assert.That(longer.Length, Is.LessThanOrEqualTo(AwsLimits.ReplicationGroupIdMax - AwsLimits.GlobalDatastorePrefix), "room is left for ElastiCache's region prefix");
            Assert.That(longer, Is.Not.EqualTo(AwsLimits.GlobalDatastoreSuffix("a-very-long-stack-name-for-europe-west", "session-store")),
                "two cut names keep a hash of the whole text and stay distinct");
        });
    }
}
