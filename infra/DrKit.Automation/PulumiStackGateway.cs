using System.Text.Json;
using DrKit.Aws;
using DrKit.Operations.Gateway;
using Pulumi.Automation;

namespace DrKit.Automation;

/// <summary>
/// <see cref="IStackGateway"/> over the Pulumi Automation API: one <see cref="LocalWorkspace"/> on the project folder,
/// running either the project's own program or <see cref="DrProgram"/> inline with the same project settings.
/// Automation exceptions become DrKit's operation exceptions (see <see cref="AutomationErrors"/>).
/// </summary>
public sealed class PulumiStackGateway(PulumiGatewayOptions options) : IStackGateway, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, WorkspaceStack> _stacks = new(StringComparer.Ordinal);
    private LocalWorkspace? _workspace;

    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        var workspace = await WorkspaceAsync(ct).ConfigureAwait(false);
        // whoami reads the backend login (Pulumi Cloud token or PULUMI_BACKEND_URL) without changing anything.
        await AutomationErrors.GuardAsync(null, options.WorkDir, () => workspace.WhoAmIAsync(ct)).ConfigureAwait(false);
        if (options.RequireAwsCredentials)
        {
            AwsCredentialCheck.Require(Variable, File.Exists, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        }
    }

    public async Task SelectStackAsync(string stack, CancellationToken ct) => await StackAsync(stack, create: false, ct).ConfigureAwait(false);

    public async Task CreateOrSelectStackAsync(string stack, CancellationToken ct) => await StackAsync(stack, create: true, ct).ConfigureAwait(false);

    public async Task SetConfigAsync(string stack, IReadOnlyDictionary<string, ConfigSetting> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        var map = values.ToDictionary(v => v.Key, v => new ConfigValue(v.Value.Value, v.Value.Secret), StringComparer.Ordinal);
        await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.SetAllConfigAsync(map, ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, ConfigSetting>> GetConfigAsync(string stack, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        var workspace = await WorkspaceAsync(ct).ConfigureAwait(false);
        // 'pulumi config --show-secrets --json --stack <stack>': no stack selection, so any listed name works.
        var config = await AutomationErrors.GuardAsync(stack, options.WorkDir, () => workspace.GetAllConfigAsync(stack, ct)).ConfigureAwait(false);
        return config.ToDictionary(p => p.Key, p => new ConfigSetting(p.Value.Value, p.Value.IsSecret), StringComparer.Ordinal);
    }

    public async Task<ChangeSummary> PreviewAsync(string stack, CancellationToken ct)
    {
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        var result = await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.PreviewAsync(new PreviewOptions(), ct)).ConfigureAwait(false);
        return new ChangeSummary(result.ChangeSummary.ToDictionary(
            p => JsonNamingPolicy.CamelCase.ConvertName(p.Key.ToString()), p => p.Value, StringComparer.Ordinal));
    }

    public async Task<StackOutputs> UpAsync(string stack, CancellationToken ct)
    {
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        var result = await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.UpAsync(new UpOptions(), ct)).ConfigureAwait(false);
        return OutputText.From(result.Outputs);
    }

    public async Task CancelUpdateAsync(string stack, CancellationToken ct)
    {
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.CancelAsync(ct)).ConfigureAwait(false);
    }

    public async Task DestroyAsync(string stack, CancellationToken ct)
    {
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.DestroyAsync(new DestroyOptions(), ct)).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string stack, CancellationToken ct)
    {
        var workspace = await WorkspaceAsync(ct).ConfigureAwait(false);
        await AutomationErrors.GuardAsync(stack, options.WorkDir, () => workspace.RemoveStackAsync(stack, ct)).ConfigureAwait(false);
        // Not disposed: disposing a WorkspaceStack disposes the shared workspace too.
        _stacks.Remove(stack);
    }

    public async Task<StackOutputs> GetOutputsAsync(string stack, CancellationToken ct)
    {
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        var outputs = await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.GetOutputsAsync(ct)).ConfigureAwait(false);
        return OutputText.From(outputs);
    }

    public async Task<IReadOnlyList<StackInfo>> ListStacksAsync(CancellationToken ct)
    {
        var workspace = await WorkspaceAsync(ct).ConfigureAwait(false);
        var summaries = await AutomationErrors.GuardAsync(null, options.WorkDir, () => workspace.ListStacksAsync(ct)).ConfigureAwait(false);
        var stacks = new List<StackInfo>();
        foreach (var summary in summaries)
        {
            var tags = await AutomationErrors.GuardAsync(summary.Name, options.WorkDir, () => workspace.ListTagsAsync(summary.Name, ct)).ConfigureAwait(false);
            // DIY backends keep no tags of their own; a null map is an empty one.
            stacks.Add(new StackInfo(summary.Name, tags ?? new Dictionary<string, string>(), summary.LastUpdate));
        }

        return stacks;
    }

    public async Task SetTagsAsync(string stack, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var workspace = await WorkspaceAsync(ct).ConfigureAwait(false);
        foreach (var (key, value) in tags)
        {
            await AutomationErrors.GuardAsync(stack, options.WorkDir, () => workspace.SetTagAsync(stack, key, value, ct)).ConfigureAwait(false);
        }
    }

    public async Task<string> ExportStateAsync(string stack, CancellationToken ct)
    {
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        var deployment = await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.ExportStackAsync(ct)).ConfigureAwait(false);
        return deployment.Json.GetRawText();
    }

    public async Task ImportStateAsync(string stack, string stateJson, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateJson);
        var s = await StackAsync(stack, create: false, ct).ConfigureAwait(false);
        await AutomationErrors.GuardAsync(stack, options.WorkDir, () => s.ImportStackAsync(StackDeployment.FromJsonString(stateJson), ct)).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _workspace?.Dispose();
        _gate.Dispose();
    }

    /// <summary>
    /// DrProgram, not the DrStack class: only the program form exports the flat outputs operations read
    /// (<c>&lt;c&gt;.recoveryRole</c>, <c>traffic.activeRegion</c>, ...). The explicit delegate type picks
    /// <c>PulumiFn.Create(Func&lt;IDictionary&lt;string, object?&gt;&gt;)</c> among its overloads.
    /// </summary>
    internal static PulumiFn InlineProgram() => PulumiFn.Create(new Func<IDictionary<string, object?>>(DrProgram.Outputs));

    private string? Variable(string name) =>
        options.EnvironmentVariables.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    private async Task<WorkspaceStack> StackAsync(string stack, bool create, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        if (_stacks.TryGetValue(stack, out var cached))
        {
            return cached;
        }

        var workspace = await WorkspaceAsync(ct).ConfigureAwait(false);
        var selected = await AutomationErrors.GuardAsync(stack, options.WorkDir, () => create
            ? WorkspaceStack.CreateOrSelectAsync(stack, workspace, ct)
            : WorkspaceStack.SelectAsync(stack, workspace, ct)).ConfigureAwait(false);
        _stacks[stack] = selected;
        return selected;
    }

    private async Task<LocalWorkspace> WorkspaceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_workspace is null)
            {
                var workspaceOptions = new LocalWorkspaceOptions
                {
                    WorkDir = options.WorkDir,
                    EnvironmentVariables = new Dictionary<string, string?>(options.EnvironmentVariables, StringComparer.Ordinal),
                    Program = options.Program ?? (options.Inline ? InlineProgram() : null),
                    ProjectSettings = options.ProjectSettings,
                };
                // Creating the workspace runs 'pulumi version': this is where a missing CLI shows.
                _workspace = await AutomationErrors.GuardAsync(null, options.WorkDir, () => LocalWorkspace.CreateAsync(workspaceOptions, ct), creatingWorkspace: true)
                    .ConfigureAwait(false);
            }

            return _workspace;
        }
        finally
        {
            _gate.Release();
        }
    }
}
