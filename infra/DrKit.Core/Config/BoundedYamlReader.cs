using DrKit.Core.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DrKit.Core.Config;

/// <summary>
/// Builds the <see cref="ConfigNode"/> tree straight from the YAML parser's events, counting as it goes: every
/// value, every alias at the full size of what it stands for, the nesting depth and each scalar's length. A
/// billion-laughs file (anchors of anchors, a few KiB claiming 10^9 values) is refused at the first alias that
/// would cross the cap, before anything is expanded; aliases share the anchored node rather than copying it.
/// </summary>
internal sealed class BoundedYamlReader
{
    private readonly IParser _parser;
    private readonly string _display;
    private readonly InputLimits _limits;
    private readonly Dictionary<string, (ConfigNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _nodes;
    private int _depth;

    private BoundedYamlReader(IParser parser, string display, InputLimits limits)
    {
        _parser = parser;
        _display = display;
        _limits = limits;
    }

    /// <summary>The first document's root node (null for an empty stream); later documents are read and checked too.</summary>
    public static ConfigNode? ReadFirstDocument(IParser parser, string display, InputLimits limits)
    {
        var reader = new BoundedYamlReader(parser, display, limits);
        parser.Consume<StreamStart>();
        ConfigNode? first = null;
        var documents = 0;
        while (!parser.TryConsume<StreamEnd>(out _))
        {
            parser.Consume<DocumentStart>();
            var root = reader.ReadNode();
            parser.Consume<DocumentEnd>();
            first = documents++ == 0 ? root : first;
        }

        return first;
    }

    private ConfigNode ReadNode()
    {
        var start = _nodes;
        var evt = _parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        var location = new ConfigLocation(_display, (int)evt.Start.Line);
        ConfigNode node;
        string? anchor = null;
        switch (evt)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new YamlException(evt.Start, evt.End, $"alias *{alias.Value.Value} names no anchor before it");
                }

                Count(anchored.Size, location);
                return anchored.Node;
            case Scalar scalar:
                _parser.MoveNext();
                Count(1, location);
                if (scalar.Value.Length > _limits.MaxScalarLength)
                {
                    throw Refuse(location, $"{InputLimits.Bytes(_limits.MaxScalarLength)} per value in a {_limits.Kind}", $"a value of {InputLimits.Bytes(scalar.Value.Length)}");
                }

                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                node = new ConfigScalar(scalar.Value, location);
                break;
            case SequenceStart seq:
                _parser.MoveNext();
                anchor = seq.Anchor.IsEmpty ? null : seq.Anchor.Value;
                node = ReadSequence(location);
                break;
            case MappingStart map:
                _parser.MoveNext();
                anchor = map.Anchor.IsEmpty ? null : map.Anchor.Value;
                node = ReadMapping(location);
                break;
            default:
                throw new YamlException(evt.Start, evt.End, $"unexpected {evt.GetType().Name}");
        }

        if (anchor is not null)
        {
            _anchors[anchor] = (node, _nodes - start);
        }

        return node;
    }

    private ConfigSequence ReadSequence(ConfigLocation location)
    {
        Enter(location);
        var items = new List<ConfigNode>();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode());
        }

        _depth--;
        return new ConfigSequence(items, location);
    }

    private ConfigMap ReadMapping(ConfigLocation location)
    {
        Enter(location);
        var entries = new List<KeyValuePair<string, ConfigNode>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            var keyNode = ReadNode();
            var key = keyNode is ConfigScalar s ? s.Value : keyNode.Describe();
            if (!seen.Add(key))
            {
                throw new YamlException(keyEvent.Start, keyEvent.End, $"Duplicate key '{key}'");
            }

            entries.Add(new(key, ReadNode()));
        }

        _depth--;
        return new ConfigMap(entries, location);
    }

    private void Enter(ConfigLocation location)
    {
        Count(1, location);
        if (++_depth > _limits.MaxDepth)
        {
            throw Refuse(location, $"{_limits.MaxDepth} levels of nesting in a {_limits.Kind}", "maps and lists nested deeper");
        }
    }

    private void Count(long nodes, ConfigLocation location)
    {
        _nodes += nodes;
        if (_nodes > _limits.MaxNodes)
        {
            throw Refuse(location, $"{_limits.MaxNodes:N0} values per {_limits.Kind}, counting each alias as the values it stands for", $"more than {_limits.MaxNodes:N0} values once aliases are expanded");
        }
    }

    private InputLimitException Refuse(ConfigLocation at, string limit, string found) => new(at.File, at.Line, limit, found);
}
