using System.Buffers;
using System.Text.Json;
using OciRuntime;

namespace Ocirun.Logging;

/// <summary>
/// logrus's JSON formatter: <c>{"level":"error","msg":"...","time":"2026-11-23T12:00:00Z"}</c>, keys in Go's
/// sorted-map order. containerd's shim parses these lines to report why the runtime failed.
/// </summary>
internal static class JsonLogLine
{
    // Like Go: quotes as \" and non-ASCII text as itself, not \u0022 and \u00e9; the lines are read by people too.
    private static readonly JsonWriterOptions Options = new() { Encoder = OciRuntime.RelaxedJsonEscaping.Encoder };

    public static byte[] Format(LogLevel level, string message, DateTimeOffset time)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Length + 80);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("level"u8, LogLevelNames.Of(level));
            json.WriteString("msg"u8, message);
            json.WriteString("time"u8, Rfc3339.Format(time));
            json.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
