namespace DrKit.Aws;

/// <summary>Reads fields of ARNs the program already holds, so no account lookup call is needed.</summary>
public static class Arns
{
    /// <summary><c>arn:aws:kms:us-east-1:123456789012:key/x</c> -> <c>123456789012</c>.</summary>
    public static string Account(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':');
        return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : throw new ArgumentException($"'{arn}' names no account", nameof(arn));
    }

    /// <summary>The account's root principal: trusting it hands the decision to the account's own IAM policies.</summary>
    public static string AccountRoot(string anyArnInAccount) => $"arn:{Partition(anyArnInAccount)}:iam::{Account(anyArnInAccount)}:root";

    public static string Partition(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':');
        return parts.Length > 1 ? parts[1] : "aws";
    }
}
