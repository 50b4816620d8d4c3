using DrKit.Core.Config;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Config;

public sealed class PulumiConfigValuesTests
{
    private const string Origin = "pulumi config (stack test)";

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.BundledStacks))]
    public void RawValues_PlanExactlyAsTheStackFile(string stack)
    {
        var path = RepoPaths.Stack(stack);
        var fromFile = Planner.PlanFile(path);
        var raw = PulumiRawValues.FromStackFile(path);
        var fromPulumi = Planner.Plan(StackSpecReader.Read(stack, PulumiConfigValues.FromRaw(Origin, raw)));

        Assert.Multiple(() =>
        {
            Assert.That(raw.Keys, Does.Contain("drkit:components"), "the raw values carry the components as JSON");
            Assert.That(fromPulumi.Source, Is.EqualTo(Origin), "the plan names where its config came from");
            Assert.That(PlanJson.Serialize(fromPulumi with { Source = fromFile.Source }), Is.EqualTo(PlanJson.Serialize(fromFile)),
                $"stack {stack}: the Pulumi program must plan what drkit plan shows");
        });
    }

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.BundledStacks))]
    public void ToPulumiConfigJson_ReadBackAsPulumiWould_PlansAsTheStackFile(string stack)
    {
        var path = RepoPaths.Stack(stack);
        var json = PulumiConfigValues.ToPulumiConfigJson(YamlStackFile.Load(path), [KeyValuePair.Create("drkit-ops:promote.db", "true")]);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var raw = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.EnumerateObject().All(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String), Is.True,
                "PULUMI_CONFIG maps every key to text: structured values travel as JSON inside a string");
            Assert.That(raw["drkit-ops:promote.db"], Is.EqualTo("true"), "extra entries are added under their full key");
            Assert.That(PlanJson.Serialize(Planner.Plan(StackSpecReader.Read(stack, PulumiConfigValues.FromRaw(Origin, raw))) with { Source = "" }),
                Is.EqualTo(PlanJson.Serialize(Planner.PlanFile(path) with { Source = "" })), $"stack {stack}: what the program reads back plans as the file");
        });
    }

    [Test]
    public void JsonScalars_BecomeText()
    {
        var config = PulumiConfigValues.FromRaw(Origin, new Dictionary<string, string>
        {
            ["drkit:components"] = """{"g":{"count":2,"reserved":true,"zone":null,"list":["a",1]}}""",
        });
        var g = (ConfigMap)((ConfigMap)config["drkit:components"]!)["g"]!;
        Assert.Multiple(() =>
        {
            Assert.That(((ConfigScalar)g["count"]!).Value, Is.EqualTo("2"), "a JSON number reads as its text");
            Assert.That(((ConfigScalar)g["reserved"]!).Value, Is.EqualTo("true"), "a JSON boolean reads as true/false");
            Assert.That(((ConfigScalar)g["zone"]!).Value, Is.Empty, "null reads as empty text");
            Assert.That(((ConfigSequence)g["list"]!).Items.Cast<ConfigScalar>().Select(i => i.Value), Is.EqualTo(new[] { "a", "1" }), "arrays become lists");
        });
    }

    [Test]
    public void PlainStrings_StayText_EvenWhenTheyLookLikeBrokenJson()
    {
        var config = PulumiConfigValues.FromRaw(Origin, new Dictionary<string, string>
        {
            ["drkit:service"] = "rag",
            ["drkit:other"] = "{not json",
        });
        Assert.Multiple(() =>
        {
            Assert.That(config["drkit:service"], Is.EqualTo(new ConfigScalar("rag", new ConfigLocation(Origin, 0))), "plain text stays text");
            Assert.That(((ConfigScalar)config["drkit:other"]!).Value, Is.EqualTo("{not json"), "text that fails to parse as JSON stays text");
        });
    }

    [Test]
    public void Problems_NameTheOriginAndKeyPath()
    {
        var config = PulumiConfigValues.FromRaw(Origin, new Dictionary<string, string>
        {
            ["drkit:primaryRegion"] = "us-east-1",
            ["drkit:recoveryRegions"] = """["us-west-2"]""",
            ["drkit:components"] = """{"db":{"kind":"postgres","strategy":"active-active"}}""",
        });
        var e = Assert.Throws<StackConfigException>(() => StackSpecReader.Read("test", config))!;
        var p = e.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(p.Location.File, Is.EqualTo(Origin), "the problem names the Pulumi config as its source");
            Assert.That(p.KeyPath, Is.EqualTo("drkit:components.db.strategy"), "the key path reads as in the stack file");
            Assert.That(p.ToString(), Does.StartWith($"{Origin}: drkit:components.db.strategy: active-active cannot apply"), "no line number for config values");
        });
    }
}
