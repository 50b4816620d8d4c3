using System.Text.Json.Serialization;
using DrKit.Operations.Steps;

namespace DrKit.Cli.Output;

/// <summary>A dry run as JSON: the program, the stack and every step with the calls it would make.</summary>
internal sealed record DryRunDocument(string Program, string Stack, bool DryRun, IReadOnlyList<OperationStep> Steps);

/// <summary>Compile-time JSON metadata for the documents the command line itself writes.</summary>
[JsonSerializable(typeof(DryRunDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
