using System.Text.Json;

namespace OciRuntime.Container.State;

/// <summary>
/// The parts of config.json a <see cref="ContainerRecord"/> keeps (see <see cref="RecordedSpec"/>), taken from the
/// config's own JSON rather than serialized again from the model: re-serializing built System.Text.Json's metadata
/// for the whole process and seccomp graphs on every create. Names match case-insensitively and the last of a
/// repeated name wins, as when the config is read.
/// </summary>
internal static class ConfigCapture
{
    public sealed record Parts(JsonElement? Hooks, JsonElement? Process, JsonElement? Seccomp);

    public static Parts From(ReadOnlyMemory<byte> config)
    {
        using var document = JsonDocument.Parse(config);
        var root = document.RootElement;
        var hooks = Member(root, "hooks");
        var kept = hooks is { } h ? KeptHooks(h) : null;
        var seccomp = Member(root, "linux") is { } linux ? Member(linux, "seccomp") : null;
        return new Parts(kept, Member(root, "process")?.Clone(), seccomp?.Clone());
    }

    /// <summary>Only poststart and poststop run after create; null when neither has a hook.</summary>
    private static JsonElement? KeptHooks(JsonElement hooks)
    {
        var poststart = Member(hooks, "poststart");
        var poststop = Member(hooks, "poststop");
        if (!HasItems(poststart) && !HasItems(poststop)) return null;
        var json = HandJson.Object(w =>
        {
            HandJson.WriteElement(w, "poststart", poststart);
            HandJson.WriteElement(w, "poststop", poststop);
        }, 256);
        using var kept = JsonDocument.Parse(json);
        return kept.RootElement.Clone();
    }

    private static bool HasItems(JsonElement? list) => list is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0;

    /// <summary>The member's value, null when absent or JSON null.</summary>
    private static JsonElement? Member(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        JsonElement? found = null;
        foreach (var property in obj.EnumerateObject())
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) found = property.Value;
        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }
}
