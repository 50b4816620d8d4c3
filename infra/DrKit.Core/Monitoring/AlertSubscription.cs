namespace DrKit.Core.Monitoring;

/// <summary>
/// Where the alarm topics of one severity deliver (<c>drkit:alerts.&lt;severity&gt;</c>): an e-mail address (SNS protocol
/// <c>email</c>, confirmed by its owner from the message AWS sends) or an https URL such as a pager's SNS endpoint
/// (protocol <c>https</c>, confirmed by the endpoint).
/// https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
/// </summary>
public sealed record AlertSubscription(AlarmSeverity Severity, string Protocol, string Endpoint)
{
    /// <summary>Reads one configured endpoint; null when it is neither an e-mail address nor an https URL.</summary>
    public static AlertSubscription? Parse(AlarmSeverity severity, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? text["mailto:".Length..] : text;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return new AlertSubscription(severity, "https", value);
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Any(char.IsWhiteSpace) && !value.Contains(':', StringComparison.Ordinal)
            ? new AlertSubscription(severity, "email", value)
            : null;
    }
}
