using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>The copies a drill stack restored, as describe-db-instances and describe-replication-groups report them.</summary>
internal sealed partial class FakeAws
{
    public const string RestoredInstance = "pilot-light-drill-context-store";
    public const string RestoredGroup = "pilot-light-drill-session-cache";

    /// <summary>Restored copy id -> status; the probe passes once each reads "available".</summary>
    public Dictionary<string, string> Restored { get; } = new(StringComparer.Ordinal)
    {
        [RestoredInstance] = "available",
        [RestoredGroup] = "available",
    };

    /// <summary>Resources the tagging API lists: ARN and its "Key=stack,Values=&lt;stack&gt;" filter.</summary>
    public List<(string Arn, string Tag)> Tagged { get; } = [];

    /// <summary>When set, describe-db-instance-automated-backups fails with this stderr.</summary>
    public string? BackupsError { get; set; }

    /// <summary>Restored copies that report "creating" for this many describe calls before their status.</summary>
    public int DescribesWhileCreating { get; set; }

    /// <summary>Repository name -> its newest image and ECR's replication status of it for the recovery region; a repository not listed holds no image.</summary>
    public Dictionary<string, (string Digest, DateTimeOffset Pushed, string Status, string? FailureCode)> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>describe-images with the newest-image query: that image, or null (what the CLI prints when the query matches nothing).</summary>
    private CloudCommandResult NewestImage(IReadOnlyList<string> arguments)
    {
        Assert.That(Value(arguments, "--query"), Is.EqualTo("sort_by(imageDetails,&imagePushedAt)[-1]"), "the newest image by push time");
        return Ok(Images.TryGetValue(Value(arguments, "--repository-name"), out var image)
            ? JsonSerializer.Serialize(new { imageDigest = image.Digest, imagePushedAt = image.Pushed.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture), imageTags = new[] { "latest" } })
            : "null");
    }

    private CloudCommandResult ImageStatus(IReadOnlyList<string> arguments)
    {
        var repository = Value(arguments, "--repository-name");
        var image = Images[repository];
        Assert.That(Value(arguments, "--image-id"), Is.EqualTo($"imageDigest={image.Digest}"), "the status of the newest image is asked for");
        return Ok(JsonSerializer.Serialize(new
        {
            repositoryName = repository,
            imageId = new { imageDigest = image.Digest },
            replicationStatuses = new[] { new { region = PilotLightProgram.Recovery, registryId = "123456789012", status = image.Status, failureCode = image.FailureCode } },
        }));
    }

    private bool IsRestored(IReadOnlyList<string> arguments, string option) => Restored.ContainsKey(Value(arguments, option));

    private CloudCommandResult DescribeRestored(IReadOnlyList<string> arguments, bool rds)
    {
        var id = Value(arguments, rds ? "--db-instance-identifier" : "--replication-group-id");
        var status = DescribesWhileCreating-- > 0 ? "creating" : Restored[id];
        return Ok(rds
            ? JsonSerializer.Serialize(new { DBInstances = new[] { new { DBInstanceIdentifier = id, DBInstanceStatus = status } } })
            : JsonSerializer.Serialize(new { ReplicationGroups = new[] { new { ReplicationGroupId = id, Status = status } } }));
    }
}
