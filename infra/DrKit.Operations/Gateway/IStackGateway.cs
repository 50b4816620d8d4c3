namespace DrKit.Operations.Gateway;

/// <summary>
/// Everything DR operations need from a stack engine, in DrKit's own terms. The Pulumi Automation API adapter is
/// the one implementation that talks to Pulumi; programs and tests see only this. Implementations report missing
/// tools, credentials and stacks as <see cref="OperationException"/> subclasses.
/// </summary>
public interface IStackGateway
{
    /// <summary>
    /// Checks, without changing anything, that the stack engine can run: its CLI is installed and cloud
    /// credentials are present. Programs call this before their first change.
    /// </summary>
    /// <exception cref="PulumiCliMissingException">The CLI is not installed.</exception>
    /// <exception cref="CredentialsMissingException">No cloud credentials were found.</exception>
    Task EnsureReadyAsync(CancellationToken ct);

    /// <summary>Selects an existing stack.</summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    Task SelectStackAsync(string stack, CancellationToken ct);

    /// <summary>Selects the stack, creating it (empty, with no config) when it does not exist.</summary>
    Task CreateOrSelectStackAsync(string stack, CancellationToken ct);

    /// <summary>Sets config values (full keys such as <c>drkit-ops:promote.db</c>); secrets are stored encrypted.</summary>
    Task SetConfigAsync(string stack, IReadOnlyDictionary<string, ConfigSetting> values, CancellationToken ct);

    /// <summary>
    /// Reads the stack's config (full keys such as <c>drkit-ops:ephemeral</c>); secret values come back decrypted
    /// and flagged <see cref="ConfigSetting.Secret"/>.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    Task<IReadOnlyDictionary<string, ConfigSetting>> GetConfigAsync(string stack, CancellationToken ct);

    /// <summary>Previews an update: what would be created, updated, replaced or deleted.</summary>
    Task<ChangeSummary> PreviewAsync(string stack, CancellationToken ct);

    /// <summary>Deploys the stack and returns its outputs afterwards.</summary>
    Task<StackOutputs> UpAsync(string stack, CancellationToken ct);

    /// <summary>
    /// Cancels the stack's unfinished update (<c>pulumi cancel</c>): an update whose CLI was cut keeps the stack locked,
    /// and the backend refuses the next operation until it is cancelled.
    /// </summary>
    /// <exception cref="StackCommandFailedException">No update is running, or the backend refused.</exception>
    Task CancelUpdateAsync(string stack, CancellationToken ct);

    /// <summary>Deletes every resource of the stack; the stack itself remains.</summary>
    Task DestroyAsync(string stack, CancellationToken ct);

    /// <summary>Removes the (already destroyed) stack and its config.</summary>
    Task RemoveAsync(string stack, CancellationToken ct);

    /// <summary>Reads the outputs of the last deployment.</summary>
    Task<StackOutputs> GetOutputsAsync(string stack, CancellationToken ct);

    /// <summary>Lists the project's stacks with their tags.</summary>
    Task<IReadOnlyList<StackInfo>> ListStacksAsync(CancellationToken ct);

    /// <summary>Sets (adds or overwrites) stack tags.</summary>
    /// <exception cref="StackTagsUnsupportedException">The backend keeps no stack tags (DIY backends: file://, s3://, azblob://, gs://).</exception>
    Task SetTagsAsync(string stack, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    /// <summary>Exports the stack's state as opaque JSON.</summary>
    Task<string> ExportStateAsync(string stack, CancellationToken ct);

    /// <summary>Imports state previously returned by <see cref="ExportStateAsync"/>.</summary>
    Task ImportStateAsync(string stack, string stateJson, CancellationToken ct);
}
