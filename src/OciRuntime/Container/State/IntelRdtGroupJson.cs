using System.Text.Json;
using OciRuntime.IntelRdt;
using static OciRuntime.Container.State.HandJson;

namespace OciRuntime.Container.State;

/// <summary>A container's <see cref="IntelRdtGroup"/> in state.json, by hand.</summary>
internal static class IntelRdtGroupJson
{
    public static void Write(Utf8JsonWriter w, string name, IntelRdtGroup group)
    {
        w.WriteStartObject(name);
        w.WriteString("path", group.Path);
        w.WriteBoolean("owned", group.Owned);
        if (group.MonitorPath is { } monitor) w.WriteString("monitor_path", monitor);
        w.WriteEndObject();
    }

    public static IntelRdtGroup Read(ref Utf8JsonReader r)
    {
        Is(r, JsonTokenType.StartObject);
        string? path = null, monitor = null;
        var owned = false;
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            Next(ref r);
            if (r.TokenType == JsonTokenType.Null) continue;
            switch (name)
            {
                case "path": path = String(ref r); break;
                case "owned": owned = r.GetBoolean(); break;
                case "monitor_path": monitor = String(ref r); break;
                default: r.Skip(); break;
            }
        }
        return new IntelRdtGroup(path ?? throw new JsonException("intel_rdt: path is required"), owned, monitor);
    }
}
