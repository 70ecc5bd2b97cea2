using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OciRuntime.Spec;

/// <summary>
/// Turns System.Text.Json's exceptions into one-line messages a user can act on:
/// <c>config.json: invalid JSON at line 3, column 5: ...</c> or
/// <c>config.json: process.args: expected an array of strings (line 9, column 11)</c>.
/// The expected type comes from the source-generated metadata, found by walking the exception's JSON path.
/// </summary>
internal static class JsonErrorDescriber
{
    public static void ThrowIfMalformed(byte[] utf8, string source)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read()) { }
        }
        catch (JsonException e)
        {
            throw new OciRuntimeException(
                $"{source}: invalid JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {ShortReason(e.Message)}", e);
        }
    }

    public static string DescribeTypeError(JsonException e, JsonTypeInfo root, string source)
    {
        var segments = JsonPathSegments.Parse(e.Path ?? "$");
        var expected = FindTypeInfo(root, segments) is { } target ? "expected " + Describe(target) : "invalid value";
        var where = e.LineNumber is { } line ? $" (line {line + 1}, column {e.BytePositionInLine + 1})" : "";
        var path = JsonPathSegments.Format(segments);
        return path.Length == 0 ? $"{source}: {expected}{where}" : $"{source}: {path}: {expected}{where}";
    }

    /// <summary>System.Text.Json appends its own position ("Path: $ | LineNumber: 0 | ..."); we report it ourselves.</summary>
    private static string ShortReason(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) message = message[..at];
        }
        return message.TrimEnd().TrimEnd('.');
    }

    private static JsonTypeInfo? FindTypeInfo(JsonTypeInfo current, IReadOnlyList<JsonPathSegment> segments)
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
