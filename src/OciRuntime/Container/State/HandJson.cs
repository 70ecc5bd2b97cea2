using System.Buffers;
using System.Text.Json;

namespace OciRuntime.Container.State;

/// <summary>
/// Small reader and writer steps shared by the documents ocirun reads and writes by hand (state.json, the init
/// plan): System.Text.Json's serializer would build metadata for them on every command, a cost per process.
/// </summary>
internal static class HandJson
{
    /// <summary>One JSON object as UTF-8: <paramref name="writeMembers"/> writes its members.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> writeMembers, int sizeHint = 1024)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RelaxedJsonEscaping.Encoder }))
        {
            w.WriteStartObject();
            writeMembers(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteMap(Utf8JsonWriter w, string name, Dictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map) w.WriteString(key, value);
        w.WriteEndObject();
    }

    /// <summary>A member whose value is JSON kept as is; nothing when it is null.</summary>
    public static void WriteElement(Utf8JsonWriter w, string name, JsonElement? element)
    {
        if (element is not { } value) return;
        w.WritePropertyName(name);
        value.WriteTo(w);
    }

    public static Dictionary<string, string> Map(ref Utf8JsonReader r)
    {
        Is(r, JsonTokenType.StartObject);
        var map = new Dictionary<string, string>();
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var key = r.GetString()!;
            Next(ref r);
            map[key] = String(ref r);
        }
        return map;
    }

    public static string String(ref Utf8JsonReader r) =>
        r.TokenType == JsonTokenType.String ? r.GetString()! : throw new JsonException($"expected a string, found {r.TokenType}");

    public static JsonTokenType Next(ref Utf8JsonReader r) =>
        r.Read() ? r.TokenType : throw new JsonException("unexpected end of the document");

    public static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        Next(ref r);
        Is(r, type);
    }

    public static void Is(in Utf8JsonReader r, JsonTokenType type)
    {
        if (r.TokenType != type) throw new JsonException($"expected {type}, found {r.TokenType}");
    }
}
