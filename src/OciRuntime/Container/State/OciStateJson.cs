using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciRuntime.Container.State;

/// <summary>
/// Writes state documents the way runc's Go encoder does: two-space indentation when indented, "\n" line
/// ends, non-ASCII text left readable, and an empty list as <c>null</c>.
/// </summary>
public static class OciStateJson
{
    public static string Serialize(OciState state, bool indented) =>
        Write(indented, writer => JsonSerializer.Serialize(writer, state, OciStateJsonContext.Default.OciState));

    public static string SerializeList(IReadOnlyList<OciState> states, bool indented) =>
        states.Count == 0
            ? "null"
            : Write(indented, writer => JsonSerializer.Serialize(writer, states, OciStateJsonContext.Default.IReadOnlyListOciState));

    public static OciState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, OciStateJsonContext.Default.OciState)
        ?? throw new JsonException("state document is null");

    private static string Write(bool indented, Action<Utf8JsonWriter> serialize)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = indented,
                   NewLine = "\n",
                   Encoder = RelaxedJsonEscaping.Encoder,
               }))
        {
            serialize(writer);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OciState))]
[JsonSerializable(typeof(IReadOnlyList<OciState>))]
internal sealed partial class OciStateJsonContext : JsonSerializerContext;
