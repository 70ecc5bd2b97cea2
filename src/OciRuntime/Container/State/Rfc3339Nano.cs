using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciRuntime.Container.State;

/// <summary>
/// Timestamps as Go's <c>time.RFC3339Nano</c> writes them (runc's state and list): UTC with a 'Z', and a
/// fraction with its trailing zeros removed, or none at all when it is zero.
/// </summary>
public static class Rfc3339Nano
{
    public static string Format(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        return text + "Z";
    }

    public static DateTime Parse(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

internal sealed class Rfc3339NanoConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Rfc3339Nano.Parse(reader.GetString() ?? throw new JsonException("expected a timestamp"));

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339Nano.Format(value));
}
