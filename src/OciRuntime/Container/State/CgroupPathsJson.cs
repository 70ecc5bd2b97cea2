using System.Text.Json;
using OciRuntime.Cgroups;
using static OciRuntime.Container.State.HandJson;

namespace OciRuntime.Container.State;

/// <summary>A container's <see cref="CgroupPaths"/> by hand, as state.json and the init plan carry them.</summary>
internal static class CgroupPathsJson
{
    public static void Write(Utf8JsonWriter w, string name, CgroupPaths cgroups)
    {
        w.WriteStartObject(name);
        w.WriteString("mode", ModeName(cgroups.Mode));
        WriteMap(w, "v1", cgroups.V1);
        if (cgroups.Unified is { } unified) w.WriteString("unified", unified);
        w.WriteBoolean("rootless", cgroups.Rootless);
        w.WriteEndObject();
    }

    public static CgroupPaths Read(ref Utf8JsonReader r)
    {
        Is(r, JsonTokenType.StartObject);
        var mode = CgroupMode.Legacy;
        Dictionary<string, string>? v1 = null;
        string? unified = null;
        var rootless = false;
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            Next(ref r);
            if (r.TokenType == JsonTokenType.Null) continue;
            switch (name)
            {
                case "mode": mode = ParseMode(String(ref r)); break;
                case "v1": v1 = Map(ref r); break;
                case "unified": unified = String(ref r); break;
                case "rootless": rootless = r.GetBoolean(); break;
                default: r.Skip(); break;
            }
        }
        return new CgroupPaths { Mode = mode, V1 = v1 ?? [], Unified = unified, Rootless = rootless };
    }

    private static string ModeName(CgroupMode mode) => mode switch
    {
        CgroupMode.Legacy => "Legacy",
        CgroupMode.Hybrid => "Hybrid",
        CgroupMode.Unified => "Unified",
        _ => throw new JsonException($"unknown cgroup mode {(int)mode}"),
    };

    private static CgroupMode ParseMode(string name) => name switch
    {
        "Legacy" => CgroupMode.Legacy,
        "Hybrid" => CgroupMode.Hybrid,
        "Unified" => CgroupMode.Unified,
        _ => throw new JsonException($"unknown cgroup mode \"{name}\""),
    };
}
