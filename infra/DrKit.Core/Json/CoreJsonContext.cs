using System.Text.Json;
using System.Text.Json.Serialization;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Json;

/// <summary>Compile-time JSON metadata for the small documents the core reads and writes with web defaults (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(RegistryReplicationNeed))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
