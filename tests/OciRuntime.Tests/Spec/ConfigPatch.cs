using System.Text.Json.Nodes;
using OciRuntime.Spec;

namespace OciRuntime.Tests.Spec;

/// <summary>
/// A small valid config plus a JSON merge patch (RFC 7386: objects merge, arrays and scalars replace, null
/// removes), so each validator case states only what it breaks.
/// </summary>
internal static class ConfigPatch
{
    public const string Base = """
        {
          "ociVersion": "1.2.0",
          "process": {"user": {"uid": 0, "gid": 0}, "args": ["sh"], "cwd": "/"},
          "root": {"path": "rootfs"},
          "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}]}
        }
        """;

    public static RuntimeSpec Apply(string patch)
    {
        var target = JsonNode.Parse(Base)!;
        Merge(target.AsObject(), JsonNode.Parse(patch)!.AsObject());
        return SpecSerializer.Deserialize(target.ToJsonString());
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value == null) target.Remove(name);
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject) Merge(targetObject, patchObject);
            else target[name] = value.DeepClone();
        }
    }
}
