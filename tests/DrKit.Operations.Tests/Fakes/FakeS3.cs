using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>
/// S3 as the AWS CLI's <c>s3api get-object / put-object / delete-object</c> present it, with conditional writes
/// as S3 documents them: <c>--if-none-match *</c> fails with PreconditionFailed when the key exists, <c>--if-match</c>
/// when the ETag differs. Shared by several "machines" to stand for the recovery region's bucket; every call recorded.
/// </summary>
internal sealed class FakeS3 : ICloudCommand
{
    private int _version;

    public Dictionary<string, (string Content, string ETag)> Objects { get; } = new(StringComparer.Ordinal);

    public List<IReadOnlyList<string>> Calls { get; } = [];

    /// <summary>When true every call fails as an unreachable endpoint would.</summary>
    public bool Unreachable { get; set; }

    public Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        Calls.Add(arguments);
        if (Unreachable)
        {
            return Done(255, string.Empty, "Could not connect to the endpoint URL");
        }

        var key = Value(arguments, "--bucket") + "/" + Value(arguments, "--key");
        switch (arguments[1])
        {
            case "get-object":
                if (!Objects.TryGetValue(key, out var found))
                {
                    return Done(254, string.Empty, "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.");
                }

                File.WriteAllText(arguments[arguments.ToList().IndexOf(Value(arguments, "--key")!) + 1], found.Content);
                return Done(0, JsonSerializer.Serialize(new { ETag = found.ETag }), string.Empty);
            case "put-object":
                var exists = Objects.TryGetValue(key, out var current);
                if ((Value(arguments, "--if-none-match") is "*" && exists) || (Value(arguments, "--if-match") is { } etag && (!exists || current.ETag != etag)))
                {
                    return Done(254, string.Empty, "An error occurred (PreconditionFailed) when calling the PutObject operation: At least one of the pre-conditions you specified did not hold");
                }

                Objects[key] = (File.ReadAllText(Value(arguments, "--body")!), $"\"v{++_version}\"");
                return Done(0, JsonSerializer.Serialize(new { ETag = Objects[key].ETag }), string.Empty);
            case "delete-object":
                Objects.Remove(key);
                return Done(0, "{}", string.Empty);
            default:
                return Done(252, string.Empty, $"unexpected call {arguments[1]}");
        }
    }

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    private static Task<CloudCommandResult> Done(int code, string stdout, string stderr) => Task.FromResult(new CloudCommandResult(code, stdout, stderr));
}
