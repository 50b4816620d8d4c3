using System.ComponentModel;
using DrKit.Operations.Gateway;
using CommandException = Pulumi.Automation.Commands.Exceptions.CommandException;
using DrKitStackNotFound = DrKit.Operations.Gateway.StackNotFoundException;
using PulumiStackNotFound = Pulumi.Automation.Commands.Exceptions.StackNotFoundException;

namespace DrKit.Automation;

/// <summary>Maps Automation API failures to DrKit's named, actionable operation exceptions.</summary>
internal static class AutomationErrors
{
    private static readonly string[] CredentialMarkers =
    [
        "NoCredentialProviders", "no valid credential sources", "failed to refresh cached credentials", "ExpiredToken",
        "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "unable to validate AWS credentials",
        "PULUMI_ACCESS_TOKEN", "invalid access token", "PULUMI_CONFIG_PASSPHRASE",
    ];

    public static async Task<T> GuardAsync<T>(string? stack, string workDir, Func<Task<T>> call, bool creatingWorkspace = false)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, stack, workDir, creatingWorkspace) is { } mapped)
        {
            throw mapped;
        }
    }

    public static async Task GuardAsync(string? stack, string workDir, Func<Task> call) =>
        await GuardAsync<bool>(stack, workDir, async () => { await call().ConfigureAwait(false); return true; }).ConfigureAwait(false);

    internal static OperationException? Map(Exception e, string? stack, string workDir, bool creatingWorkspace)
    {
        switch (e)
        {
            case OperationCanceledException or OperationException:
                return null;
            case PulumiStackNotFound when stack is not null:
                return new DrKitStackNotFound(stack,
                    $"No stack named '{stack}' in the Pulumi backend used from {workDir}. List stacks with 'pulumi stack ls'; check 'pulumi login' " +
                    "or PULUMI_BACKEND_URL points at the right backend. Nothing was changed.", e);
            case Win32Exception:
            case { InnerException: Win32Exception }:
                return new PulumiCliMissingException(
                    "The pulumi CLI was not found on PATH. Install it (https://www.pulumi.com/docs/install/) and make sure 'pulumi version' runs " +
                    "in this shell. Nothing was changed.", e);
            case InvalidOperationException when creatingWorkspace:
                return new PulumiCliMissingException(
                    $"The pulumi CLI could not be used ({e.Message}). Install a Pulumi 3.x CLI and make sure 'pulumi version' runs. Nothing was changed.", e);
            case CommandException when e.Message.Contains("stack tags not supported", StringComparison.OrdinalIgnoreCase):
                return new StackTagsUnsupportedException(
                    $"The Pulumi backend used from {workDir} keeps no stack tags (DIY backends: file://, s3://, azblob://, gs://){(stack is null ? string.Empty : $"; stack {stack} was not tagged")}. " +
                    "DrKit marks drill stacks with config (drkit-ops:ephemeral, drkit-ops:ttl), which works on every backend.", e);
            case CommandException when CredentialMarkers.FirstOrDefault(m => e.Message.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } marker:
                return new CredentialsMissingException(
                    $"Credentials were missing or rejected{(stack is null ? string.Empty : $" for stack {stack}")} ({marker}). AWS: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY " +
                    "or AWS_PROFILE (CI: an OIDC role); Pulumi backend: 'pulumi login' or PULUMI_ACCESS_TOKEN / PULUMI_BACKEND_URL; secrets: PULUMI_CONFIG_PASSPHRASE.", e);
            case CommandException:
                return new StackCommandFailedException($"pulumi failed{(stack is null ? string.Empty : $" for stack {stack}")}: {Tail(e.Message)}", e);
            default:
                return null;
        }
    }

    // CommandException messages carry the whole stdout; the end holds the diagnostics that matter.
    private static string Tail(string message) => message.Length <= 2000 ? message : "..." + message[^2000..];
}
