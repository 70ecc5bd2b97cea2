using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit;

namespace OciRuntime.Tests.Spec;

public sealed class RelaxedJsonEscapingTests
{
    private static string Write(JavaScriptEncoder encoder, string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString(text, text);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Every_BMP_character_is_written_as_the_relaxed_encoder_writes_it()
    {
        var differences = new List<string>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var text = $"a{(char)c}b";
            if (char.IsSurrogate((char)c)) continue;
            var expected = Write(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, text);
            if (Write(RelaxedJsonEscaping.Encoder, text) != expected) differences.Add($"U+{c:X4}");
        }

        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("\U0001F600 and \U00010000")]
    [InlineData("lone \uD800 high")]
    [InlineData("lone \uDC00 low")]
    [InlineData("<script>&'\u007F\u00A0\u2028\uFEFF\uE000")]
    [InlineData("quote \" backslash \\ controls \b\t\n\f\r\u0001\u001F")]
    [InlineData("/run/ocirun/abc/state.json")]
    public void Pairs_lone_surrogates_and_mixed_text_are_written_as_the_relaxed_encoder_writes_them(string text) =>
        Assert.Equal(Write(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, text), Write(RelaxedJsonEscaping.Encoder, text));

    [Fact]
    public void Long_text_that_needs_escaping_late_is_written_whole()
    {
        var text = new string('é', 5000) + "\"\\\n" + new string('x', 5000);

        Assert.Equal(Write(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, text), Write(RelaxedJsonEscaping.Encoder, text));
    }
}
