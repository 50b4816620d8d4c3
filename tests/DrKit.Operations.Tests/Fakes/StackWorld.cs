using DrKit.Operations.Gateway;
using Moq;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>
/// A strict Moq gateway backed by a little in-memory backend: stacks, their config and tags, and outputs computed
/// from config by a per-stack "program" on every up. Every call is recorded in order.
/// </summary>
internal sealed class StackWorld
{
    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>>> _programs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _secretOutputs = new(StringComparer.Ordinal);

    public StackWorld()
    {
        var g = Gateway;
        g.Setup(x => x.EnsureReadyAsync(It.IsAny<CancellationToken>())).Returns(() => Record("EnsureReady"));
        g.Setup(x => x.SelectStackAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken _) =>
            Existing.Contains(s) ? Record($"Select {s}") : throw new StackNotFoundException(s, $"no stack {s}"));
        g.Setup(x => x.CreateOrSelectStackAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken _) =>
        {
            Existing.Add(s);
            return Record($"CreateOrSelect {s}");
        });
        g.Setup(x => x.SetConfigAsync(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>()))
            .Returns((string s, IReadOnlyDictionary<string, ConfigSetting> values, CancellationToken _) =>
            {
                var config = ConfigOf(s);
                foreach (var (key, value) in values)
                {
                    config[key] = value;
                }

                ConfigWrites.Add((s, values.ToDictionary()));
                return Record($"SetConfig {s} {string.Join(",", values.Keys.Where(k => k.StartsWith("drkit-ops:", StringComparison.Ordinal) && !k.StartsWith("drkit-ops:source.", StringComparison.Ordinal)).Select(k => $"{k}={values[k].Value}"))}");
            });
        g.Setup(x => x.PreviewAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken _) =>
        {
            Calls.Add($"Preview {s}");
            OnPreview?.Invoke(s);
            return Task.FromResult(new ChangeSummary(new Dictionary<string, int> { ["create"] = 3 }));
        });
        g.Setup(x => x.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken ct) =>
        {
            Calls.Add($"Up {s}");
            OnUp?.Invoke(s, ct);
            Deploy(s);
            return Task.FromResult(Outputs(s));
        });
        g.Setup(x => x.GetOutputsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken _) =>
        {
            Calls.Add($"GetOutputs {s}");
            return Task.FromResult(Outputs(s));
        });
        g.Setup(x => x.DestroyAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken ct) =>
        {
            TeardownTokens.Add(ct);
            OnDestroy?.Invoke(s, ct);
            Deployed.Remove(s);
            return Record($"Destroy {s}");
        });
        g.Setup(x => x.CancelUpdateAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken _) =>
        {
            Calls.Add($"CancelUpdate {s}");
            OnCancelUpdate?.Invoke(s);
            return Task.CompletedTask;
        });
        g.Setup(x => x.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken ct) =>
        {
            TeardownTokens.Add(ct);
            Existing.Remove(s);
            return Record($"Remove {s}");
        });
        g.Setup(x => x.ListStacksAsync(It.IsAny<CancellationToken>())).Returns(() =>
        {
            Calls.Add("ListStacks");
            IReadOnlyList<StackInfo> list = [.. Existing.Select(s => new StackInfo(s, Tags.GetValueOrDefault(s) ?? new Dictionary<string, string>(), null))];
            return Task.FromResult(list);
        });
        g.Setup(x => x.SetTagsAsync(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .Returns((string s, IReadOnlyDictionary<string, string> tags, CancellationToken _) =>
            {
                if (TagsUnsupported)
                {
                    Calls.Add($"SetTags {s} (unsupported)");
                    throw new StackTagsUnsupportedException("stack tags not supported in diy mode");
                }

                Tags[s] = new Dictionary<string, string>(tags);
                return Record($"SetTags {s}");
            });
        g.Setup(x => x.GetConfigAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string s, CancellationToken _) =>
        {
            Calls.Add($"GetConfig {s}");
            IReadOnlyDictionary<string, ConfigSetting> config = Existing.Contains(s)
                ? new Dictionary<string, ConfigSetting>(ConfigOf(s), StringComparer.Ordinal)
                : throw new StackNotFoundException(s, $"no stack {s}");
            return Task.FromResult(config);
        });
    }

    public Mock<IStackGateway> Gateway { get; } = new(MockBehavior.Strict);

    public List<string> Calls { get; } = [];

    public List<(string Stack, Dictionary<string, ConfigSetting> Values)> ConfigWrites { get; } = [];

    public List<CancellationToken> TeardownTokens { get; } = [];

    public HashSet<string> Existing { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, ConfigSetting>> Config { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, string>> Tags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, string>> Deployed { get; } = new(StringComparer.Ordinal);

    /// <summary>Behave like a DIY backend (file://, s3://): setting tags fails.</summary>
    public bool TagsUnsupported { get; set; }

    /// <summary>Runs at each preview (advance a clock).</summary>
    public Action<string>? OnPreview { get; set; }

    /// <summary>Runs at the start of each up (advance a clock, fail, cancel).</summary>
    public Action<string, CancellationToken>? OnUp { get; set; }

    /// <summary>Runs at the start of each destroy (fail like a locked stack).</summary>
    public Action<string, CancellationToken>? OnDestroy { get; set; }

    /// <summary>Runs at each cancel of an unfinished update (unlock the stack).</summary>
    public Action<string>? OnCancelUpdate { get; set; }

    /// <summary>Registers an existing, deployed stack whose outputs follow <paramref name="program"/>.</summary>
    public StackWorld WithStack(string stack, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> program, bool deployed = true)
    {
        Existing.Add(stack);
        _programs[stack] = program;
        if (deployed)
        {
            Deploy(stack);
        }

        return this;
    }

    /// <summary>Program of stacks created later (drill stacks), matched by name prefix.</summary>
    public StackWorld WithProgramFor(string prefix, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> program)
    {
        _programs[prefix] = program;
        return this;
    }

    public StackWorld WithSecretOutput(string name)
    {
        _secretOutputs.Add(name);
        return this;
    }

    public string? ConfigValue(string stack, string key) => Config.GetValueOrDefault(stack)?.GetValueOrDefault(key)?.Value;

    /// <summary>The recorded calls that change something.</summary>
    public IEnumerable<string> Changes => Calls.Where(c => c.StartsWith("SetConfig", StringComparison.Ordinal) || c.StartsWith("Up", StringComparison.Ordinal)
        || c.StartsWith("Destroy", StringComparison.Ordinal) || c.StartsWith("Remove", StringComparison.Ordinal)
        || c.StartsWith("CreateOrSelect", StringComparison.Ordinal) || c.StartsWith("SetTags", StringComparison.Ordinal));

    private Dictionary<string, ConfigSetting> ConfigOf(string stack)
    {
        if (!Config.TryGetValue(stack, out var config))
        {
            Config[stack] = config = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        }

        return config;
    }

    private void Deploy(string stack)
    {
        var program = _programs.TryGetValue(stack, out var exact) ? exact
            : _programs.Where(p => stack.StartsWith(p.Key, StringComparison.Ordinal)).MaxBy(p => p.Key.Length).Value;
        Deployed[stack] = program(ConfigOf(stack).ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal));
    }

    private StackOutputs Outputs(string stack) => new(
        (Deployed.GetValueOrDefault(stack) ?? []).ToDictionary(p => p.Key, p => new StackOutput(p.Value, _secretOutputs.Contains(p.Key)), StringComparer.Ordinal));

    private Task Record(string call)
    {
        Calls.Add(call);
        return Task.CompletedTask;
    }
}
