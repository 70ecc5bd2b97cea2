using Ocirun.Cli.Values;
using Ocirun.Commands;
using Ocirun.Logging;

namespace Ocirun.Cli;

/// <summary>
/// The part of the command line before the subcommand: the global flags (parsed into <see cref="GlobalOptions"/>),
/// --help, --version, and the subcommand with its arguments. As in runc, global flags must come first.
/// </summary>
internal sealed class GlobalCommandLine
{
    public GlobalOptions Options { get; } = new();

    public bool ShowHelp { get; private set; }

    public bool ShowVersion { get; private set; }

    /// <summary>The subcommand name and everything after it; empty when there is none.</summary>
    public IReadOnlyList<string> CommandArguments { get; private set; } = [];

    public static IReadOnlyList<Flag<GlobalCommandLine>> Flags { get; } =
    [
        Flag<GlobalCommandLine>.Switch("debug", null, "enable debug logging", (g, v) => g.Options.Debug = v),
        Flag<GlobalCommandLine>.Value("log", null, "file to append ocirun's log to (default: warnings and errors on stderr)", (g, v) => g.Options.LogPath = v.Length == 0 ? null : AbsolutePath(v)),
        Flag<GlobalCommandLine>.Value("log-format", null, "log format: 'text' or 'json'", (g, v) => g.Options.LogFormat = ParseLogFormat(v), defaultText: "\"text\""),
        Flag<GlobalCommandLine>.Value("root", null, "directory for container state, preferably on tmpfs", (g, v) => g.Options.Root = ParseRoot(v), defaultText: $"\"{GlobalOptions.DefaultRoot}\""),
        Flag<GlobalCommandLine>.Value("criu", null, "path to the criu binary for checkpoint and restore", (g, v) => g.Options.CriuPath = v, defaultText: "\"criu\""),
        Flag<GlobalCommandLine>.Switch("systemd-cgroup", null, "manage cgroups through systemd; cgroupsPath is then \"slice:prefix:name\", e.g. \"system.slice:ocirun:434234\"", (g, v) => g.Options.SystemdCgroup = v),
        Flag<GlobalCommandLine>.Value("rootless", null, "ignore cgroup permission errors: 'true', 'false' or 'auto'", (g, v) => g.Options.Rootless = ParseRootless(v), defaultText: "\"auto\""),
        Flag<GlobalCommandLine>.Switch("version", "v", "print the version", (g, v) => g.ShowVersion = v),
    ];

    /// <summary>Parses the global flags; the first argument that is not one is the subcommand.</summary>
    public static GlobalCommandLine Parse(ReadOnlySpan<string> args)
    {
        var line = new GlobalCommandLine();
        var parsed = FlagParser.Parse(args, Flags, line, flagsOnlyBeforeArguments: true);
        line.ShowHelp = parsed.HelpRequested;
        line.CommandArguments = parsed.Arguments;
        return line;
    }

    private static LogFormat ParseLogFormat(string text) => text switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => throw new InvalidValueException("must be text or json"),
    };

    private static string ParseRoot(string text) =>
        text.Length == 0 ? throw new InvalidValueException("must not be empty") : AbsolutePath(text);

    // Made absolute now, like runc's filepath.Abs, so a later chdir (into the bundle) cannot change what they name.
    private static string AbsolutePath(string text) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(text));

    private static bool? ParseRootless(string text) =>
        text.Length == 0 || text.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null : GoBool.Parse(text);
}
