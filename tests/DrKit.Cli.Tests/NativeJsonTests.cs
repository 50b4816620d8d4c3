using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using DrKit.Cli.Commands;
using DrKit.Cli.Output;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Drills;
using DrKit.Drills.Reports;
using DrKit.Failover;
using DrKit.Operations.Drills;
using DrKit.Operations.Leases;
using DrKit.Policies.Rendering;

namespace DrKit.Cli.Tests;

/// <summary>
/// drkit is a native executable: JSON by reflection is unavailable there, and an enum without its generic converter
/// would be written as a number. Every document's options must resolve through a generated context and name a
/// converter for every enum the document can hold.
/// </summary>
public sealed class NativeJsonTests
{
    private static IEnumerable<TestCaseData> Documents()
    {
        yield return new TestCaseData(typeof(DrPlan), PlanJson.Options).SetName("Plan");
        yield return new TestCaseData(typeof(PlanDiffResult), PlanJson.Options).SetName("PlanDiff");
        yield return new TestCaseData(typeof(ReadinessReport), PlanJson.Options).SetName("Readiness");
        yield return new TestCaseData(typeof(PolicyReportDocument), PolicyReportJson.Options).SetName("PolicyReport");
        yield return new TestCaseData(typeof(JournalEntry), FileFailoverJournal.JsonOptions).SetName("Journal");
        yield return new TestCaseData(typeof(DrillResult), DrillHistory.JsonOptions).SetName("LocalDrillHistory");
        yield return new TestCaseData(typeof(DrillRecord), DrillHistoryFile.JsonOptions).SetName("CloudDrillHistory");
        yield return new TestCaseData(typeof(OperationLease), OperationLease.Json).SetName("Lease");
        yield return new TestCaseData(typeof(DryRunDocument), OperationCommandSupport.JsonOptions).SetName("DryRun");
    }

    [TestCaseSource(nameof(Documents))]
    public void Options_ResolveThroughAGeneratedContextOnly(Type document, JsonSerializerOptions options)
    {
        Assert.That(options.TypeInfoResolver, Is.InstanceOf<JsonSerializerContext>(), "a reflection resolver fails in the native drkit");
        Assert.That(() => options.GetTypeInfo(document), Throws.Nothing, $"{document.Name} must be a root of the generated context");
    }

    [TestCaseSource(nameof(Documents))]
    public void Options_NameAConverterForEveryEnumTheDocumentHolds(Type document, JsonSerializerOptions options)
    {
        var missing = EnumsIn(document).Where(e => !options.Converters.Any(c => c.CanConvert(e))).Select(e => e.FullName).Order().ToList();
        Assert.That(missing, Is.Empty, "these enums would be written as numbers: add TypedJson.Enum<T>() to the document's options");
    }

    [Test]
    public void EnumWalk_FindsEnumsInsideCollectionsNullablesAndDerivedTypes()
    {
        // The walk itself must see what the converters are checked against, or the test above passes vacuously.
        var found = EnumsIn(typeof(DrPlan)).Select(e => e.Name).ToList();
        Assert.That(found, Does.Contain("Verdict").And.Contain("Strategy").And.Contain("ComponentKind"), "enums of the plan's components are reached");
    }

    private static HashSet<Type> EnumsIn(Type root)
    {
        var enums = new HashSet<Type>();
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            if (Nullable.GetUnderlyingType(type) is { } inner)
            {
                queue.Enqueue(inner);
            }
            else if (type.IsEnum)
            {
                enums.Add(type);
            }
            else if (type.IsArray)
            {
                queue.Enqueue(type.GetElementType()!);
            }
            else if (type.IsGenericType && type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    queue.Enqueue(argument);
                }
            }
            else if (type.Namespace?.StartsWith("DrKit", StringComparison.Ordinal) == true)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null))
                {
                    queue.Enqueue(property.PropertyType);
                }

                foreach (var derived in type.GetCustomAttributes<JsonDerivedTypeAttribute>())
                {
                    queue.Enqueue(derived.DerivedType);
                }
            }
        }

        return enums;
    }
}
