using System.Text.Json;

namespace OciRuntime.Spec.Reading;

/// <summary>
/// <c>config.json: linux.namespaces[2].type: expected a string (line 9, column 11)</c>: the document, the path as
/// <see cref="SpecPath"/> writes it, what the field takes, and where the offending token ends (as System.Text.Json
/// reported it: line and byte column after the token, counted from 1).
/// </summary>
internal static class TypeErrorMessage
{
    public static string Format(string source, ReadOnlySpan<byte> utf8, ReadOnlySpan<PathFrame> path, long consumed, string expected)
    {
        var before = utf8[..(int)consumed];
        var line = before.Count((byte)'\n') + 1;
        var column = before.Length - before.LastIndexOf((byte)'\n');
        var where = $"expected {expected} (line {line}, column {column})";
        var text = "";
        foreach (var frame in path)
        {
            if (frame.NameStart >= 0) text = SpecPath.Key(text, NameAt(utf8, frame.NameStart));
            else if (frame.Index >= 0) text = SpecPath.Index(text, frame.Index);
        }
        return text.Length == 0 ? $"{source}: {where}" : $"{source}: {text}: {where}";
    }

    /// <summary>The unescaped property name whose token (the opening quote) starts at <paramref name="tokenStart"/>.</summary>
    private static string NameAt(ReadOnlySpan<byte> utf8, int tokenStart)
    {
        var reader = new Utf8JsonReader(utf8[tokenStart..], isFinalBlock: false, state: default);
        reader.Read();
        return reader.GetString()!;
    }
}
