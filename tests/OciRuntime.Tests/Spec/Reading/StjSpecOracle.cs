using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OciRuntime.Spec;
using OciRuntime.Spec.Reading;

namespace OciRuntime.Tests.Spec.Reading;

/// <summary>
/// How spec documents were read before <see cref="SpecReader"/>: System.Text.Json's source-generated
/// deserialization, its exceptions described by walking the exception's JSON path through the metadata. Kept
/// as the oracle the hand-written reader must agree with, message for message.
/// </summary>
internal static class StjSpecOracle
{
    public static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo, string source) where T : class
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        JsonSyntax.ThrowIfMalformed(utf8, source);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8, typeInfo);
        }
        catch (JsonException e)
        {
            throw new OciRuntimeException(DescribeTypeError(e, typeInfo, source), e);
        }
        return value ?? throw new OciRuntimeException($"{source}: expected an object, got null");
    }

    private static string DescribeTypeError(JsonException e, JsonTypeInfo root, string source)
    {
        var segments = ParsePath(e.Path ?? "$");
        var expected = FindTypeInfo(root, segments) is { } target ? "expected " + Describe(target) : "invalid value";
        var where = e.LineNumber is { } line ? $" (line {line + 1}, column {e.BytePositionInLine + 1})" : "";
        var path = segments.Aggregate("", (path, segment) =>
            segment.IsIndex ? $"{path}[{segment.Name}]" : SpecPath.Key(path, segment.Name));
        return path.Length == 0 ? $"{source}: {expected}{where}" : $"{source}: {path}: {expected}{where}";
    }

    private readonly record struct Segment(string Name, bool IsIndex);

    /// <summary>Splits <c>$.linux.namespaces[2].type</c> or <c>$.linux.sysctl['net.ipv4.ip_forward']</c>.</summary>
    private static List<Segment> ParsePath(string path)
    {
        var segments = new List<Segment>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                segments.Add(new(path[(i + 1)..end], false));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) end = path.Length;
                segments.Add(new(path[(i + 2)..end], false));
                i = Math.Min(end + 2, path.Length);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0) end = path.Length;
                segments.Add(new(path[(i + 1)..end], true));
                i = Math.Min(end + 1, path.Length);
            }
            else
            {
                i++;
            }
        }
        return segments;
    }

    private static JsonTypeInfo? FindTypeInfo(JsonTypeInfo current, IReadOnlyList<Segment> segments)
    {
        foreach (var segment in segments)
        {
            Type? next = (current.Kind, segment.IsIndex) switch
            {
                (JsonTypeInfoKind.Enumerable, true) => current.ElementType,
                (JsonTypeInfoKind.Dictionary, false) => current.ElementType,
                (JsonTypeInfoKind.Object, false) => current.Properties
                    .FirstOrDefault(p => string.Equals(p.Name, segment.Name, StringComparison.OrdinalIgnoreCase))?.PropertyType,
                _ => null,
            };
            if (next == null || !current.Options.TryGetTypeInfo(next, out var nextInfo)) return null;
            current = nextInfo;
        }
        return current;
    }

    private static string Describe(JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Enumerable => "an array of " + Plural(ElementInfo(info)),
        JsonTypeInfoKind.Dictionary => "an object whose values are " + Plural(ElementInfo(info)),
        JsonTypeInfoKind.Object => "an object",
        _ => DescribeScalar(Nullable.GetUnderlyingType(info.Type) ?? info.Type),
    };

    private static JsonTypeInfo? ElementInfo(JsonTypeInfo info) =>
        info.ElementType != null && info.Options.TryGetTypeInfo(info.ElementType, out var element) ? element : null;

    private static string Plural(JsonTypeInfo? element) => element?.Kind switch
    {
        JsonTypeInfoKind.Enumerable => "arrays",
        JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Object => "objects",
        null => "values",
        _ => (Nullable.GetUnderlyingType(element.Type) ?? element.Type) switch
        {
            var t when t == typeof(string) => "strings",
            var t when t == typeof(bool) => "booleans",
            var t => IntegerRange(t) is { } range ? $"integers from {range}" : "values",
        },
    };

    private static string DescribeScalar(Type type)
    {
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        return IntegerRange(type) is { } range ? $"an integer from {range}" : "a value of another type";
    }

    private static string? IntegerRange(Type type) =>
        type == typeof(int) ? Range<int>() :
        type == typeof(uint) ? Range<uint>() :
        type == typeof(long) ? Range<long>() :
        type == typeof(ulong) ? Range<ulong>() :
        type == typeof(ushort) ? Range<ushort>() : null;

    private static string Range<T>() where T : IMinMaxValue<T> => $"{T.MinValue} to {T.MaxValue}";
}
