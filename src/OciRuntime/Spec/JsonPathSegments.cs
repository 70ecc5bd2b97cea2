namespace OciRuntime.Spec;

internal readonly record struct JsonPathSegment(string Name, bool IsIndex);

/// <summary>
/// Splits System.Text.Json's paths (<c>$.linux.namespaces[2].type</c>, <c>$.linux.sysctl['net.ipv4.ip_forward']</c>)
/// into segments and formats them back without the leading <c>$.</c>, as ocirun's messages show them.
/// </summary>
internal static class JsonPathSegments
{
    public static List<JsonPathSegment> Parse(string path)
    {
        var segments = new List<JsonPathSegment>();
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

    public static string Format(IEnumerable<JsonPathSegment> segments) =>
        segments.Aggregate("", (path, segment) =>
            segment.IsIndex ? $"{path}[{segment.Name}]" : SpecPath.Key(path, segment.Name));
}
