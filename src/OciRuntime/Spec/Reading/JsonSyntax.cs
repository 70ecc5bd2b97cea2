using System.Text.Json;

namespace OciRuntime.Spec.Reading;

/// <summary>
/// Checks a whole document's syntax before any of it is read, so a type error is never reported for a document
/// that is malformed further on, and a syntax error never as a type error:
/// <c>config.json: invalid JSON at line 3, column 5: ...</c>.
/// </summary>
internal static class JsonSyntax
{
    public static void ThrowIfMalformed(ReadOnlySpan<byte> utf8, string source)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read()) { }
        }
        catch (JsonException e)
        {
            throw new OciRuntimeException(
                $"{source}: invalid JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {ShortReason(e.Message)}", e);
        }
    }

    /// <summary>
    /// The reader's first sentence says what is wrong; the rest is advice about reader options or its own
    /// position suffix ("LineNumber: 0 | ..."), which we report ourselves.
    /// </summary>
    private static string ShortReason(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end >= 0 ? message[..end] : message).TrimEnd('.');
    }
}
