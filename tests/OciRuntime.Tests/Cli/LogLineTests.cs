using System.Text;
using System.Text.Json;
using Ocirun.Logging;
using Xunit;

namespace OciRuntime.Tests.Cli;

/// <summary>The line shapes runc (logrus) writes and containerd's shim reads.</summary>
public class LogLineTests
{
    private static readonly DateTimeOffset Utc = new(2026, 11, 23, 12, 0, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "2026-11-23T12:00:05Z")]
    [InlineData(60, "2026-11-23T13:00:05+01:00")]
    [InlineData(330, "2026-11-23T17:30:05+05:30")]
    [InlineData(-420, "2026-11-23T05:00:05-07:00")]
    public void Time_is_rfc3339_in_local_time_with_z_for_utc(int offsetMinutes, string expected) =>
        Assert.Equal(expected, Rfc3339.Format(Utc.ToOffset(TimeSpan.FromMinutes(offsetMinutes))));

    [Fact]
    public void Json_line_has_logrus_keys_in_order()
    {
        var line = Encoding.UTF8.GetString(JsonLogLine.Format(LogLevel.Error, "container does not exist", Utc));
        Assert.Equal("{\"level\":\"error\",\"msg\":\"container does not exist\",\"time\":\"2026-11-23T12:00:05Z\"}\n", line);
    }

    [Theory]
    [InlineData(LogLevel.Debug, "debug")]
    [InlineData(LogLevel.Info, "info")]
    [InlineData(LogLevel.Warning, "warning")]
    [InlineData(LogLevel.Error, "error")]
    public void Levels_have_logrus_names(LogLevel level, string name)
    {
        using var json = JsonDocument.Parse(JsonLogLine.Format(level, "m", Utc));
        Assert.Equal(name, json.RootElement.GetProperty("level").GetString());
        Assert.Contains($" level={name} ", TextLogLine.Format(level, "m", Utc));
    }

    [Fact]
    public void Json_escapes_what_must_be_escaped_and_round_trips()
    {
        const string message = "exec: \"sh\\x\": not found\nnext line\ttab é <b>";
        var bytes = JsonLogLine.Format(LogLevel.Warning, message, Utc);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal(message, json.RootElement.GetProperty("msg").GetString());
        Assert.Contains("\\\"sh\\\\x\\\"", Encoding.UTF8.GetString(bytes));
        Assert.Contains("é <b>", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Text_line_quotes_the_message_when_logrus_does() =>
        Assert.Equal("time=\"2026-11-23T12:00:05Z\" level=error msg=\"container does not exist\"\n",
            TextLogLine.Format(LogLevel.Error, "container does not exist", Utc));

    [Theory]
    [InlineData("plain-word_1.2/x@y^z+w", "plain-word_1.2/x@y^z+w")]
    [InlineData("", "")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("two\nlines\r\t", "\"two\\nlines\\r\\t\"")]
    [InlineData("bell\a\u0001\u007f", "\"bell\\a\\x01\\x7f\"")]
    [InlineData("é", "\"é\"")]
    public void Text_values_use_go_quoting(string message, string expected) =>
        Assert.EndsWith($" msg={expected}\n", TextLogLine.Format(LogLevel.Info, message, Utc));
}
