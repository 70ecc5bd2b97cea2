namespace OciRuntime.Spec;

/// <summary>
/// Builds the JSON paths that name a config.json field in messages: <c>linux.namespaces[2].type</c>,
/// <c>linux.sysctl["net.ipv4.ip_forward"]</c>. Shared by the loader and the validator so both read alike.
/// </summary>
internal static class SpecPath
{
    public static string Property(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>Map keys that would read as a path ("net.ipv4.ip_forward") are quoted.</summary>
    public static string Key(string parent, string key) =>
        key.Length == 0 || key.AsSpan().ContainsAny("./[]'\" ") ? $"{parent}[\"{key}\"]" : Property(parent, key);
}
