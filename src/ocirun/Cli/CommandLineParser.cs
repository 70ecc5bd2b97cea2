using Ocirun.Streams;

namespace Ocirun.Cli;

/// <summary>Turns the subcommand part of the command line into an <see cref="Invocation"/>.</summary>
internal static class CommandLineParser
{
    public static Invocation Parse(GlobalCommandLine line, IOutput stdout)
    {
        if (line.ShowHelp) return HelpWriter.AppHelpInvocation(stdout);
        if (line.ShowVersion) return new Invocation(null, null, () =>
        {
            stdout.Write(VersionText.Text);
            return 0;
        });
        var args = line.CommandArguments;
        if (args.Count == 0) return HelpWriter.AppHelpInvocation(stdout);
        var name = args[0];
        if (name is "help" or "h") return Help(args.Count > 1 ? args[1] : null, stdout);
        var command = CommandCatalog.Find(name) ?? throw UnknownCommand(name);
        var rest = new string[args.Count - 1];
        for (var i = 0; i < rest.Length; i++) rest[i] = args[i + 1];
        try
        {
            return command.Parse(line.Options, rest, stdout);
        }
        catch (UsageException e) when (e.Command == null)
        {
            throw new UsageException(e.Message, e.ExitCode) { Command = name };
        }
    }

    private static Invocation Help(string? topic, IOutput stdout)
    {
        if (topic == null) return HelpWriter.AppHelpInvocation(stdout);
        var command = CommandCatalog.Find(topic) ?? throw UnknownCommand(topic);
        return HelpWriter.CommandHelpInvocation(command, stdout);
    }

    /// <summary>With urfave/cli's words, which runc prints and scripts (runc's own tests among them) look for.</summary>
    private static UsageException UnknownCommand(string name) =>
        new($"unknown command: No help topic for '{name}'", UsageException.UnknownCommandExitCode);
}
