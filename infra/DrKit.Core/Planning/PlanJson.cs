using System.Text.Json;
using System.Text.Json.Serialization;
using DrKit.Core.Json;
using DrKit.Core.Model;
using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using DrKit.Core.Operations;
using DrKit.Core.Platforms.Aws;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Core.Readiness;

namespace DrKit.Core.Planning;

/// <summary>The plan's JSON form for machines (and a plan diff's and a readiness report's); it parses back into the same plan.</summary>
public static class PlanJson
{
    private static readonly JsonNamingPolicy EnumNames = JsonNamingPolicy.KebabCaseLower;

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        // Every enum of the model, by kebab-case name; a test walks the documents' types and fails on an enum missing here.
        Converters =
        {
            TypedJson.Enum<ComponentKind>(EnumNames), TypedJson.Enum<Strategy>(EnumNames), TypedJson.Enum<Tier>(EnumNames),
            TypedJson.Enum<Verdict>(EnumNames), TypedJson.Enum<ChangeKind>(EnumNames), TypedJson.Enum<RoutingPolicy>(EnumNames),
            TypedJson.Enum<ReplicationMode>(EnumNames), TypedJson.Enum<PostgresEngine>(EnumNames), TypedJson.Enum<VectorRecovery>(EnumNames),
            TypedJson.Enum<ProviderType>(EnumNames), TypedJson.Enum<SwitchMechanism>(EnumNames), TypedJson.Enum<AzureDeploymentSku>(EnumNames),
            TypedJson.Enum<DegradedMode>(EnumNames), TypedJson.Enum<RungStatus>(EnumNames), TypedJson.Enum<RetrievalImpact>(EnumNames),
            TypedJson.Enum<DataTierKind>(EnumNames), TypedJson.Enum<DrillMode>(EnumNames), TypedJson.Enum<AlarmSeverity>(EnumNames),
            TypedJson.Enum<AlarmTarget>(EnumNames), TypedJson.Enum<ArchiveEncryption>(EnumNames), TypedJson.Enum<RestoreKind>(EnumNames),
            TypedJson.Enum<TermBasis>(EnumNames), TypedJson.Enum<Platforms.Azure.BlobRedundancy>(EnumNames),
        },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Serialization code generated at compile time: drkit is a native executable, and building this metadata by
        // reflection at run time was most of what `drkit plan --format json` spent starting up.
        TypeInfoResolver = PlanJsonContext.Default,
    };

    public static string Serialize(DrPlan plan) => TypedJson.Serialize(plan, Options);

    public static string Serialize(PlanDiffResult diff) => TypedJson.Serialize(diff, Options);

    public static string Serialize(ReadinessReport report) => TypedJson.Serialize(report, Options);

    public static DrPlan Deserialize(string json) =>
        TypedJson.Deserialize<DrPlan>(json, Options) ?? throw new JsonException("the document holds no plan");
}

/// <summary>Compile-time JSON metadata for the documents <see cref="PlanJson"/> writes and everything in them.</summary>
[JsonSerializable(typeof(DrPlan))]
[JsonSerializable(typeof(PlanDiffResult))]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
