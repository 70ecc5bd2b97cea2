using OciRuntime.Linux;

namespace OciRuntime.Spec.Validation;

/// <summary>The namespaces a (validated) config creates or joins, for the checks that depend on them.</summary>
internal sealed class NamespaceSet
{
    private readonly Dictionary<NamespaceType, string?> _paths = [];

    public static NamespaceSet From(Linux? linux, ConfigCheck check)
    {
        var set = new NamespaceSet();
        var namespaces = linux?.Namespaces ?? [];
        for (var i = 0; i < namespaces.Count; i++)
        {
            var path = SpecPath.Index("linux.namespaces", i);
            var entry = namespaces[i];
            if (!NamespaceType.TryParse(entry.Type, out var type))
                throw check.Fail(SpecPath.Property(path, "type"), $"unknown namespace \"{entry.Type}\"");
            if (set._paths.ContainsKey(type))
                throw check.Fail(SpecPath.Property(path, "type"), $"duplicate namespace \"{entry.Type}\"");
            if (entry.Path != null) check.RequireAbsolute(SpecPath.Property(path, "path"), entry.Path);
            set._paths[type] = entry.Path;
        }
        return set;
    }

    public bool Contains(NamespaceType type) => _paths.ContainsKey(type);

    /// <summary>True when the namespace is created for the container rather than joined by path.</summary>
    public bool IsNew(NamespaceType type) => _paths.TryGetValue(type, out var path) && path == null;
}
