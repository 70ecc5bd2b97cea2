using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OciRuntime.Spec.Reading;

namespace OciRuntime.Spec;

/// <summary>
/// Reads and writes spec documents. Output looks like <c>runc spec</c>: tab-indented, null members omitted,
/// no HTML escaping (paths keep their '+' and '&amp;'), plus a trailing newline. Reading is by hand
/// (<see cref="SpecReader"/>); input errors become <see cref="OciRuntimeException"/>s naming the document, the JSON
/// path and what was expected.
/// </summary>
public static class SpecSerializer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        NewLine = "\n",
        Encoder = RelaxedJsonEscaping.Encoder,
    };

    public static string Serialize(RuntimeSpec spec) => Serialize(spec, SpecJsonContext.Default.RuntimeSpec);

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            JsonSerializer.Serialize(writer, value, typeInfo);
        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses a config.json text; <paramref name="source"/> names the document in error messages.</summary>
    public static RuntimeSpec Deserialize(string json, string source = "config.json") =>
        Deserialize(Encoding.UTF8.GetBytes(json), source);

    public static RuntimeSpec Deserialize(ReadOnlySpan<byte> utf8, string source = "config.json") =>
        SpecReader.Document(utf8, source, RuntimeSpecReader.RuntimeSpec);

    /// <summary>Parses the process document of <c>exec --process</c>.</summary>
    public static Process DeserializeProcess(string json, string source) => DeserializeProcess(Encoding.UTF8.GetBytes(json), source);

    public static Process DeserializeProcess(ReadOnlySpan<byte> utf8, string source) =>
        SpecReader.Document(utf8, source, ProcessReader.Process);

    /// <summary>Parses the resources document of <c>update --resources</c>.</summary>
    public static LinuxResources DeserializeResources(string json, string source) =>
        SpecReader.Document(Encoding.UTF8.GetBytes(json), source, LinuxResourcesReader.Resources);

    public static Hooks DeserializeHooks(ReadOnlySpan<byte> utf8, string source) =>
        SpecReader.Document(utf8, source, RuntimeSpecReader.Hooks);

    public static LinuxSeccomp DeserializeSeccomp(ReadOnlySpan<byte> utf8, string source) =>
        SpecReader.Document(utf8, source, LinuxSeccompReader.Seccomp);
}
