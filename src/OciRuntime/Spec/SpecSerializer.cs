using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OciRuntime.Spec;

/// <summary>
/// Reads and writes spec documents. Output looks like <c>runc spec</c>: tab-indented, null members omitted,
/// no HTML escaping (paths keep their '+' and '&amp;'), plus a trailing newline. Input errors become
/// <see cref="OciRuntimeException"/>s naming the document, the JSON path and what was expected.
/// </summary>
public static class SpecSerializer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
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
        Deserialize(json, SpecJsonContext.Default.RuntimeSpec, source);

    /// <summary>Parses any spec document (e.g. a process.json with <see cref="SpecJsonContext.Process"/>).</summary>
    public static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo, string source) where T : class
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        // Syntax first, on its own, so a type error is never reported as malformed JSON and vice versa.
        JsonErrorDescriber.ThrowIfMalformed(utf8, source);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8, typeInfo);
        }
        catch (JsonException e)
        {
            throw new OciRuntimeException(JsonErrorDescriber.DescribeTypeError(e, typeInfo, source), e);
        }
        return value ?? throw new OciRuntimeException($"{source}: expected a JSON object, got null");
    }
}
