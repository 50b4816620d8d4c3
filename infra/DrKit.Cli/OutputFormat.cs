using System.CommandLine;

namespace DrKit.Cli;

public enum OutputFormat
{
    Table,
    Json,
    Markdown,
}

internal static class FormatOption
{
    public static Option<OutputFormat> Create() => new("--format", "-f")
    {
        Description = "table for people, json for machines, markdown for pull-request comments",
        DefaultValueFactory = _ => OutputFormat.Table,
    };
}
