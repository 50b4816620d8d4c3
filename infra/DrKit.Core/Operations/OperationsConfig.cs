using System.Globalization;
using DrKit.Core.Config;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Operations;

/// <summary>
/// Reads <c>drkit-ops:*</c> values the way <see cref="PulumiConfigValues.FromRaw"/> reads <c>drkit:*</c>: from the
/// raw text a Pulumi program's <c>Config.Get</c> returns, checked against the plan. Every problem is collected and
/// names the key and what it expects.
/// </summary>
public static class OperationsConfig
{
    /// <param name="origin">How errors name the source, e.g. "pulumi config (stack pilot-light)".</param>
    /// <param name="rawValues">Full keys such as <c>drkit-ops:fence.context-store</c> mapped to their text; empty text counts as unset.</param>
    /// <exception cref="StackConfigException">Any key or value the plan cannot honour.</exception>
    public static OperationsState FromRaw(string origin, IReadOnlyDictionary<string, string> rawValues, DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(rawValues);
        ArgumentNullException.ThrowIfNull(plan);
        var reader = new Reader(new ConfigLocation(origin, 0), plan);
        foreach (var (fullKey, raw) in rawValues.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (raw.Trim().Length > 0)
            {
                reader.Read(fullKey, raw.Trim());
            }
        }

        return reader.Finish();
    }

    private sealed class Reader(ConfigLocation location, DrPlan plan)
    {
        private readonly List<ConfigProblem> _problems = [];
        private readonly Dictionary<string, bool> _fence = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _promote = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _writer = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _adopt = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _adopted = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _generations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _stackWide = new(StringComparer.Ordinal);
        private readonly List<string> _regions = [plan.PrimaryRegion, .. plan.RecoveryRegions];

        public void Read(string fullKey, string value)
        {
            var prefix = OperationsKeys.Namespace + ":";
            if (!fullKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                Problem(fullKey, $"is not a {OperationsKeys.Namespace} key");
                return;
            }

            var key = fullKey[prefix.Length..];
            if (After(key, OperationsKeys.FencePrefix) is { } fenced)
            {
                if (DataComponent(fullKey, fenced) is not null && Flag(fullKey, value) is { } on)
                {
                    _fence[fenced] = on;
                }
            }
            else if (After(key, OperationsKeys.PromotePrefix) is { } promoted)
            {
                ReadPromote(fullKey, promoted, value);
            }
            else if (After(key, OperationsKeys.WriterRegionPrefix) is { } writer)
            {
                ReadWriterRegion(fullKey, writer, value);
            }
            else if (After(key, OperationsKeys.AdoptPrefix) is { } adopted)
            {
                ReadAdopt(fullKey, adopted, value);
            }
            else if (After(key, OperationsKeys.AdoptedPrefix) is { } imported)
            {
                if (DataComponent(fullKey, imported) is not null && Flag(fullKey, value) is { } done)
                {
                    _adopted[imported] = done;
                }
            }
            else if (After(key, OperationsKeys.ArchiveGenerationPrefix) is { } member)
            {
                ReadArchiveGeneration(fullKey, member, value);
            }
            else if (After(key, OperationsKeys.SourcePrefix) is { } output)
            {
                _sources[output] = value;
            }
            else if (OperationsKeys.StackWide.Contains(key, StringComparer.Ordinal))
            {
                _stackWide[key] = value;
            }
            else
            {
                Problem(fullKey, $"is not an operations key; expected fence.<component>, promote.<component>, writerRegion.<component>, adopt.<component>, adopted.<component>, archiveGeneration.<component>.<region>, source.<output> or one of {string.Join(", ", OperationsKeys.StackWide)}");
            }
        }

        public OperationsState Finish()
        {
            var running = StackWideInt(OperationsKeys.RecoveryRunning, 0, int.MaxValue);
            if (running is not null && plan.RecoveryRegions.Count == 0)
            {
                Problem(Full(OperationsKeys.RecoveryRunning), $"needs a recovery region, and stack {plan.Stack} has none (drkit:recoveryRegions is empty)");
            }

            var active = StackWideRegion(OperationsKeys.TrafficActiveRegion);
            if (active is not null && plan.Traffic.Endpoints.Count > 0 && !plan.Traffic.Endpoints.ContainsKey(active))
            {
                Problem(Full(OperationsKeys.TrafficActiveRegion), $"'{active}' has no inference endpoint in the plan; expected one of {string.Join(", ", plan.Traffic.Endpoints.Keys)}");
            }

            var percent = StackWideInt(OperationsKeys.TrafficPercent, 0, 100);
            if (percent is not null && !_stackWide.ContainsKey(OperationsKeys.TrafficActiveRegion))
            {
                Problem(Full(OperationsKeys.TrafficPercent), $"needs {Full(OperationsKeys.TrafficActiveRegion)}: the percentage is that region's share");
            }

            var drill = ReadDrill();
            var ephemeral = _stackWide.TryGetValue(OperationsKeys.Ephemeral, out var e) && Flag(Full(OperationsKeys.Ephemeral), e) == true;
            var ttl = ReadTtl();
            if (_problems.Count > 0)
            {
                throw new StackConfigException(_problems);
            }

            return new OperationsState(_fence, _promote, _writer, running, active, active is null ? null : percent ?? 100, drill, ephemeral, ttl, _sources)
            {
                Adopt = _adopt,
                Adopted = _adopted,
                ArchiveGenerations = _generations,
            };
        }

        private void ReadPromote(string fullKey, string component, string value)
        {
            if (DataComponent(fullKey, component) is not { } c || Flag(fullKey, value) is not { } promote)
            {
                return;
            }

            if (promote && c.Settings is not (PostgresSettings { Engine: PostgresEngine.Rds, CrossRegionReplica: true } or Platforms.Kubernetes.CnpgSettings { ReplicaCluster: true } or Platforms.Azure.AzurePostgresSettings { ReplicaRegion: not null }))
            {
                Problem(fullKey, $"applies to RDS PostgreSQL components with a cross-region replica (crossRegionReplica), CloudNativePG components with a replica cluster " +
                    $"and Azure PostgreSQL Flexible Servers with a read replica; {component} has none to promote");
                return;
            }

            _promote[component] = promote;
        }

        private void ReadAdopt(string fullKey, string component, string identifier)
        {
            if (DataComponent(fullKey, component) is not { } c)
            {
                return;
            }

            if (c.Settings is not PostgresSettings { Engine: PostgresEngine.Rds, CrossRegionReplica: true })
            {
                Problem(fullKey, $"applies to RDS PostgreSQL components with a cross-region replica, whose failback re-seeds a writer; {component} has none");
                return;
            }

            if (!Platforms.Aws.AwsNames.IsDbInstanceIdentifier(identifier))
            {
                Problem(fullKey, $"'{identifier}': expected an RDS DB instance identifier (1-63 lowercase letters, digits and hyphens, starting with a letter, no '--', not ending with '-')");
                return;
            }

            _adopt[component] = identifier;
        }

        private void ReadWriterRegion(string fullKey, string component, string region)
        {
            if (DataComponent(fullKey, component) is not { } c || Region(fullKey, region) is null)
            {
                return;
            }

            if (c.Settings is RedisSettings { GlobalDatastore: false } && region != plan.PrimaryRegion)
            {
                Problem(fullKey, $"'{region}': {component} has no Global Datastore, so its writer stays in {plan.PrimaryRegion}");
                return;
            }

            _writer[component] = region;
        }

        /// <summary><c>archiveGeneration.&lt;component&gt;.&lt;region&gt;</c>: a CloudNativePG member with a replica cluster, and a
        /// whole number (regions hold no dot, so the last one splits the component from the region).</summary>
        private void ReadArchiveGeneration(string fullKey, string member, string value)
        {
            var cut = member.LastIndexOf('.');
            if (cut <= 0 || DataComponent(fullKey, member[..cut]) is not { } c)
            {
                if (cut <= 0)
                {
                    Problem(fullKey, "expected archiveGeneration.<component>.<region>");
                }

                return;
            }

            var region = member[(cut + 1)..];
            if (c.Settings is not Platforms.Kubernetes.CnpgSettings { Replica: not null } cnpg)
            {
                Problem(fullKey, $"applies to CloudNativePG components with a replica cluster; {c.Name} has none");
                return;
            }

            if (cnpg.Members.All(m => m.Region != region))
            {
                Problem(fullKey, $"'{region}' runs no cluster of {c.Name}; expected one of {string.Join(", ", cnpg.Members.Select(m => m.Region))}");
                return;
            }

            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation) || generation is < 0 or > 999)
            {
                Problem(fullKey, $"'{value}': expected a whole number from 0 to 999 (the incarnation of the rebuilt cluster)");
                return;
            }

            _generations[$"{c.Name}.{region}"] = generation;
        }

        private DrillRequest? ReadDrill()
        {
            var present = _stackWide.Keys.Where(k => k.StartsWith("drill.", StringComparison.Ordinal)).ToList();
            if (present.Count == 0)
            {
                return null;
            }

            DrillMode? mode = _stackWide.GetValueOrDefault(OperationsKeys.DrillMode) switch
            {
                "restore" => DrillMode.Restore,
                "promote" => DrillMode.Promote,
                null => null,
                var other => Invalid<DrillMode>(OperationsKeys.DrillMode, $"'{other}': expected restore or promote"),
            };
            if (!_stackWide.ContainsKey(OperationsKeys.DrillMode))
            {
                Problem(Full(OperationsKeys.DrillMode), "is required on a drill stack (restore or promote)");
            }

            if (!_stackWide.TryGetValue(OperationsKeys.DrillSourceStack, out var source))
            {
                Problem(Full(OperationsKeys.DrillSourceStack), "is required on a drill stack: the stack being drilled");
            }

            var region = StackWideRegion(OperationsKeys.DrillRegion);
            return mode is { } m && source is not null ? new DrillRequest(m, source, region) : null;
        }

        private DateTimeOffset? ReadTtl()
        {
            if (!_stackWide.TryGetValue(OperationsKeys.Ttl, out var text))
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var ttl))
            {
                return ttl;
            }

            Problem(Full(OperationsKeys.Ttl), $"'{text}': expected an ISO 8601 time such as 2030-01-01T12:00:00Z");
            return null;
        }

        private ComponentPlan? DataComponent(string fullKey, string name)
        {
            var c = plan.Components.FirstOrDefault(c => c.Name == name);
            if (c is null)
            {
                Problem(fullKey, $"names no component of stack {plan.Stack}; its data components are {Listing(plan.Components.Where(p => OperationsKeys.IsDataComponent(p.Kind)).Select(p => p.Name))}");
                return null;
            }

            if (!OperationsKeys.IsDataComponent(c.Kind))
            {
                Problem(fullKey, $"applies to postgres and redis components; {name} is {Names.Of(c.Kind)}");
                return null;
            }

            return c;
        }

        private bool? Flag(string fullKey, string value)
        {
            if (bool.TryParse(value, out var flag))
            {
                return flag;
            }

            Problem(fullKey, $"'{value}': expected true or false");
            return null;
        }

        private string? Region(string fullKey, string region)
        {
            if (_regions.Contains(region, StringComparer.Ordinal))
            {
                return region;
            }

            Problem(fullKey, $"'{region}' is not a region of stack {plan.Stack}; expected one of {string.Join(", ", _regions)}");
            return null;
        }

        private string? StackWideRegion(string key) =>
            _stackWide.TryGetValue(key, out var region) ? Region(Full(key), region) : null;

        private int? StackWideInt(string key, int min, int max)
        {
            if (!_stackWide.TryGetValue(key, out var text))
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            var range = max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}";
            return Invalid<int>(key, $"'{text}': expected {range}");
        }

        private T? Invalid<T>(string key, string message)
            where T : struct
        {
            Problem(Full(key), message);
            return null;
        }

        private void Problem(string key, string message) => _problems.Add(new ConfigProblem(location, key, message));

        private static string Full(string key) => OperationsKeys.Full(key);

        private static string? After(string key, string prefix) =>
            key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length ? key[prefix.Length..] : null;

        private static string Listing(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "(none)";
    }
}
