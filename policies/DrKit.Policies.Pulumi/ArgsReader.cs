using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Pulumi;
using Pulumi.Utilities;
using ResourceDescription = DrKit.Policies.Resources.ResourceDescription;
using SecretValue = DrKit.Policies.Resources.SecretValue;
using Unknown = DrKit.Policies.Resources.Unknown;

namespace DrKit.Policies.Pulumi;

/// <summary>
/// Turns a typed Args object into a Pulumi-free <see cref="ResourceDescription"/> by reflection. Only values already
/// known are read: an output whose task has not completed, or that is unknown, becomes <see cref="Unknown"/>; nothing
/// ever waits. Secret values are wrapped in <see cref="SecretValue"/>.
/// </summary>
internal static class ArgsReader
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private const int MaxDepth = 16;

    private static readonly MethodInfo ToOutput = Single(typeof(InputExtensions), nameof(InputExtensions.ToOutput));
    private static readonly MethodInfo IsKnown = Single(typeof(OutputUtilities), nameof(OutputUtilities.GetIsKnownAsync));
    private static readonly MethodInfo ValueOf = Single(typeof(OutputUtilities), nameof(OutputUtilities.GetValueAsync));
    private static readonly MethodInfo IsSecret = Single(typeof(Output), nameof(Output.IsSecretAsync));

    // Every resource of a type has the same input members and the same Input<T> types: the reflection over them
    // (attribute data above all) is done once per type, not once per resource.
    private static readonly ConcurrentDictionary<Type, (MemberInfo Member, string Name)[]> InputMembers = new();
    private static readonly ConcurrentDictionary<Type, InputReader> Readers = new();

    public static ResourceDescription Describe(ResourceTransformationArgs args)
    {
        var parent = args.Options.Parent is { } p and not global::Pulumi.Stack ? $"{p.GetResourceType()}::{p.GetResourceName()}" : null;
        return new ResourceDescription(args.Resource.GetResourceType(), args.Resource.GetResourceName(), Read(args.Args, 0), parent);
    }

    public static IReadOnlyDictionary<string, object?> Read(InputArgs args, int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (member, name) in InputMembers.GetOrAdd(args.GetType(), MembersOf))
        {
            var raw = member is FieldInfo field ? field.GetValue(args) : ((PropertyInfo)member).GetValue(args);
            if (raw is not null)
            {
                result[name] = Convert(raw, depth + 1);
            }
        }

        return result;
    }

    private static (MemberInfo Member, string Name)[] MembersOf(Type argsType)
    {
        var members = new List<(MemberInfo, string)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var type = argsType; type is not null && type != typeof(ResourceArgs) && type != typeof(InputArgs); type = type.BaseType)
        {
            // Generated Args keep list and map inputs on private backing fields and scalars on properties.
            foreach (var member in type.GetFields(Members).Cast<MemberInfo>().Concat(type.GetProperties(Members).Where(p => p.GetIndexParameters().Length == 0)))
            {
                if (InputName(member) is { } name && names.Add(name))
                {
                    members.Add((member, name));
                }
            }
        }

        return [.. members];
    }

    /// <summary>InputAttribute.Name is internal; the attribute's first constructor argument is the same name.</summary>
    private static string? InputName(MemberInfo member) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(InputAttribute))?.ConstructorArguments[0].Value as string;

    private static object? Convert(object? raw, int depth)
    {
        if (raw is null || depth > MaxDepth)
        {
            return raw is null ? null : Unknown.Value;
        }

        if (InputType(raw.GetType()) is { } t)
        {
            return FromInput(raw, t, depth);
        }

        var type = raw.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Union<,>))
        {
            return Convert(type.GetProperty(nameof(Union<int, int>.Value))!.GetValue(raw), depth + 1);
        }

        return raw switch
        {
            string or bool or int or long or double or float or decimal => raw,
            InputArgs nested => Read(nested, depth + 1),
            Resource => Unknown.Value,
            IDictionary map => map.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => Convert(map[k], depth + 1), StringComparer.Ordinal),
            IEnumerable items => items.Cast<object?>().Select(i => Convert(i, depth + 1)).ToList(),
            _ when type.GetCustomAttribute<EnumTypeAttribute>() is not null || type.IsEnum => raw.ToString(),
            _ => Unknown.Value,
        };
    }

    /// <summary>Reads an Input&lt;T&gt; only when its value is already there; never blocks on an incomplete task.</summary>
    private static object? FromInput(object input, Type t, int depth)
    {
        var reader = Readers.GetOrAdd(t, static type => new InputReader(type));
        var output = reader.ToOutput.Invoke(null, [input])!;
        var known = (Task<bool>)reader.IsKnown.Invoke(null, [output])!;
        if (!known.IsCompletedSuccessfully || !known.Result)
        {
            return Unknown.Value;
        }

        var value = (Task)reader.ValueOf.Invoke(null, [output])!;
        if (!value.IsCompletedSuccessfully)
        {
            return Unknown.Value;
        }

        var converted = Convert(reader.Result.GetValue(value), depth + 1);
        var secret = (Task<bool>)reader.IsSecret.Invoke(null, [output])!;
        return secret.IsCompletedSuccessfully && secret.Result ? new SecretValue(converted) : converted;
    }

    /// <summary>The closed generic methods that read an Input&lt;T&gt; of one T.</summary>
    private sealed class InputReader(Type t)
    {
        public MethodInfo ToOutput { get; } = ArgsReader.ToOutput.MakeGenericMethod(t);

        public MethodInfo IsKnown { get; } = ArgsReader.IsKnown.MakeGenericMethod(t);

        public MethodInfo ValueOf { get; } = ArgsReader.ValueOf.MakeGenericMethod(t);

        public MethodInfo IsSecret { get; } = ArgsReader.IsSecret.MakeGenericMethod(t);

        public PropertyInfo Result { get; } = typeof(Task<>).MakeGenericType(t).GetProperty(nameof(Task<int>.Result))!;
    }

    /// <summary>The T of Input&lt;T&gt; (InputList, InputMap and InputUnion derive from it), or null.</summary>
    private static Type? InputType(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Input<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static MethodInfo Single(Type owner, string name) =>
        owner.GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == name && m.IsGenericMethodDefinition && m.GetParameters().Length == 1);
}
