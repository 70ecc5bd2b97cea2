using System.Runtime.Versioning;
using System.Text.Json;
using Ocirun.Commands;
using Ocirun.Logging;
using Xunit;

namespace OciRuntime.Tests.Cli;

[Collection(RuntimeLogCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class LogSinkTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("ocirun-log-test-").FullName;
    private readonly MemoryOutput stderr = new();

    private string LogPath => Path.Combine(directory, "log.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Json_lines_are_appended_to_the_log_file_which_is_created_0644()
    {
        File.WriteAllText(LogPath, "{\"level\":\"info\",\"msg\":\"earlier\",\"time\":\"2026-11-23T11:00:00Z\"}\n");
        var sink = new LogSink(new LazyLogFile(LogPath, stderr), LogFormat.Json, LogLevel.Info, () => Noon);
        sink.Write(LogLevel.Warning, "first");
        sink.Write(LogLevel.Error, "second");
        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(3, lines.Length);
        using var last = JsonDocument.Parse(lines[2]);
        Assert.Equal(("error", "second", "2026-11-23T12:00:00Z"),
            (last.RootElement.GetProperty("level").GetString(), last.RootElement.GetProperty("msg").GetString(), last.RootElement.GetProperty("time").GetString()));
        Assert.Equal("", stderr.Text);

        var fresh = Path.Combine(directory, "fresh.log");
        new LazyLogFile(fresh, stderr).Write("x\n"u8);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(fresh) & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
    }

    [Fact]
    public void Text_lines_look_like_logrus()
    {
        var sink = new LogSink(new LazyLogFile(LogPath, stderr), LogFormat.Text, LogLevel.Info, () => Noon);
        sink.Write(LogLevel.Info, "hello world");
        Assert.Equal("time=\"2026-11-23T12:00:00Z\" level=info msg=\"hello world\"\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void Entries_below_the_minimum_level_are_dropped()
    {
        var sink = new LogSink(stderr, LogFormat.Text, LogLevel.Warning, () => Noon);
        sink.Write(LogLevel.Debug, "d");
        sink.Write(LogLevel.Info, "i");
        sink.Write(LogLevel.Warning, "w");
        Assert.Equal("time=\"2026-11-23T12:00:00Z\" level=warning msg=w\n", stderr.Text);
    }

    [Fact]
    public void The_file_is_opened_only_when_something_is_written()
    {
        _ = new LazyLogFile(LogPath, stderr);
        Assert.False(File.Exists(LogPath));
    }

    [Fact]
    public void An_unopenable_log_file_falls_back_to_stderr_with_one_note()
    {
        var path = Path.Combine(directory, "missing-dir", "log.json");
        var file = new LazyLogFile(path, stderr);
        file.Write("one\n"u8);
        file.Write("two\n"u8);
        Assert.Equal($"ocirun: cannot open log file {path}: No such file or directory; logging to stderr\none\ntwo\n", stderr.Text);
    }

    [Theory]
    [InlineData(true, false, LogLevel.Debug)]
    [InlineData(false, true, LogLevel.Info)]
    [InlineData(false, false, LogLevel.Warning)]
    public void Setup_picks_the_level_and_destination(bool debug, bool toFile, LogLevel lowestWritten)
    {
        var previous = (RuntimeLog.Sink, RuntimeLog.DebugEnabled);
        try
        {
            var options = new GlobalOptions { Debug = debug, LogPath = toFile ? LogPath : null };
            var fileSink = LogSetup.Install(options, stderr, () => Noon);
            Assert.Equal(toFile, fileSink != null);
            Assert.Equal(debug, RuntimeLog.DebugEnabled);
            foreach (var level in new[] { LogLevel.Debug, LogLevel.Info, LogLevel.Warning, LogLevel.Error })
                RuntimeLog.Sink!(level, level.ToString());
            var written = toFile ? File.ReadAllText(LogPath) : stderr.Text;
            foreach (var level in new[] { LogLevel.Debug, LogLevel.Info, LogLevel.Warning, LogLevel.Error })
                Assert.Equal(level >= lowestWritten, written.Contains($"msg={level}"));
        }
        finally
        {
            (RuntimeLog.Sink, RuntimeLog.DebugEnabled) = previous;
        }
    }
}
