using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Leases;

/// <summary>
/// The state store another operator can reach during an outage: an S3 bucket in the recovery region, driven
/// through the AWS CLI behind <see cref="ICloudCommand"/>. A lease is created with <c>--if-none-match *</c> and
/// replaced (take-over) with <c>--if-match &lt;ETag&gt;</c>: S3 conditional writes fail with 412 Precondition Failed
/// when an object exists (or its ETag changed), and one of two concurrent conditional writes fails with 409
/// ConditionalRequestConflict, so exactly one operator wins a race.
/// See https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html.
/// Every call names the recovery region: the store never depends on the failed primary.
/// </summary>
public sealed class S3OperationStateStore : IOperationStateStore
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly ICloudCommand _aws;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _region;

    /// <param name="aws">The AWS CLI port.</param>
    /// <param name="bucket">Bucket in <paramref name="recoveryRegion"/>.</param>
    /// <param name="prefix">Key prefix, e.g. <c>drkit/</c>.</param>
    /// <param name="recoveryRegion">The region operations fail over to; never the primary.</param>
    /// <param name="primaryRegion">The stack's primary region, refused as the store's region.</param>
    public S3OperationStateStore(ICloudCommand aws, string bucket, string prefix, string recoveryRegion, string primaryRegion)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(recoveryRegion);
        if (string.Equals(recoveryRegion, primaryRegion, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the operation state store must live in the recovery region, not the primary {primaryRegion}: it is read while the primary is down", nameof(recoveryRegion));
        }

        _aws = aws;
        _bucket = bucket;
        _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        _region = recoveryRegion;
    }

    public string Where => $"s3://{_bucket}/{_prefix} in {_region}";

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken ct)
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = await RunAsync(ct, "get-object", "--bucket", _bucket, "--key", _prefix + key, file).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result.StandardError.Contains("NoSuchKey", StringComparison.Ordinal) ? null : throw Failed("get-object", key, result);
            }

            var content = Core.Input.BoundedFile.ReadAllText(file, Core.Input.InputLimits.Journal, $"{Where}{key}");
            return new StoredDocument(content, ETag(result.StandardOutput));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public Task<bool> CreateAsync(string key, string content, CancellationToken ct) => ConditionalPutAsync(key, content, ["--if-none-match", "*"], ct);

    public Task<bool> ReplaceAsync(string key, string content, string expectedVersion, CancellationToken ct) => ConditionalPutAsync(key, content, ["--if-match", expectedVersion], ct);

    public async Task PutAsync(string key, string content, CancellationToken ct)
    {
        if (!await ConditionalPutAsync(key, content, [], ct).ConfigureAwait(false))
        {
            throw new CloudCommandFailedException($"put-object of {Where}{key} was refused without a condition");
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        var result = await RunAsync(ct, "delete-object", "--bucket", _bucket, "--key", _prefix + key).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failed("delete-object", key, result);
        }
    }

    private async Task<bool> ConditionalPutAsync(string key, string content, string[] condition, CancellationToken ct)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content, ct).ConfigureAwait(false);
            var result = await RunAsync(ct, ["put-object", "--bucket", _bucket, "--key", _prefix + key, "--body", file, .. condition]).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return true;
            }

            // 412: the object exists / changed; 409: a concurrent conditional write won. Either way: not ours.
            return result.StandardError.Contains("PreconditionFailed", StringComparison.Ordinal) || result.StandardError.Contains("ConditionalRequestConflict", StringComparison.Ordinal)
                ? false
                : throw Failed("put-object", key, result);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private Task<CloudCommandResult> RunAsync(CancellationToken ct, params string[] args) =>
        _aws.RunAsync("aws", ["s3api", .. args, "--region", _region, "--output", "json"], CallTimeout, ct);

    private CloudCommandFailedException Failed(string call, string key, CloudCommandResult result) =>
        new($"aws s3api {call} of {Where}{key} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");

    private static string ETag(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.TryGetProperty("ETag", out var etag) ? etag.GetString() ?? string.Empty : string.Empty;
    }
}
