using System.Text;
using Ocirun.Streams;

namespace Ocirun.Cli;

/// <summary>The --help pages, laid out like runc's (urfave/cli) so its users find their way.</summary>
internal static class HelpWriter
{
    private const string Indent = "   ";

    public static Invocation AppHelpInvocation(IOutput stdout) => new(null, null, () =>
    {
        stdout.Write(AppHelp());
        return 0;
    });

    public static Invocation CommandHelpInvocation(CommandSyntax command, IOutput stdout) => new(command.Name, null, () =>
    {
        stdout.Write(CommandHelp(command));
        return 0;
    });

    /// <summary>What ocirun is; the man page ocirun(8) says the same.</summary>
    public const string AppDescription =
        "ocirun runs containers packaged as OCI bundles: a directory with a config.json and the root\n" +
        "filesystem it names. It implements the OCI runtime specification " + VersionText.SpecVersion + " with the command line\n" +
        "of runc 1.1, so container engines can use it in runc's place.\n\n" +
        "To run the container of the bundle in the current directory:\n\n" +
        "    # ocirun run [ -b bundle ] <container-id>\n";

    /// <summary>The global flags as --help lists them: the parser's, with --help before --version.</summary>
    public static IReadOnlyList<IFlagHelp> GlobalFlags()
    {
        var flags = new List<IFlagHelp>(GlobalCommandLine.Flags);
        flags.Insert(flags.Count - 1, HelpFlag.Instance);
        return flags;
    }

    public static string AppHelp()
    {
        var text = new StringBuilder();
        text.Append("NAME:\n").Append(Indent).Append("ocirun - Open Container Initiative runtime\n\n");
        text.Append(AppDescription).Append('\n');
        text.Append("USAGE:\n").Append(Indent).Append("ocirun [global options] command [command options] [arguments...]\n\n");
        text.Append("COMMANDS:\n");
        var commands = new List<(string Left, string Right)>();
        foreach (var name in CommandCatalog.Names)
        {
            var command = CommandCatalog.Find(name)!;
            if (!command.Hidden) commands.Add((command.Name, command.Summary));
        }
        commands.Add(("help, h", "show the list of commands or help for one command"));
        AppendColumns(text, commands);
        text.Append("\nGLOBAL OPTIONS:\n");
        AppendColumns(text, FlagRows(GlobalFlags()));
        return text.ToString();
    }

    public static string CommandHelp(CommandSyntax command)
    {
        var flags = FlagRows(command.FlagHelp);
        var text = new StringBuilder();
        text.Append("NAME:\n").Append(Indent).Append("ocirun ").Append(command.Name).Append(" - ").Append(command.Summary).Append("\n\n");
        text.Append("USAGE:\n").Append(Indent).Append("ocirun ").Append(command.Name);
        if (flags.Count > 0) text.Append(" [command options]");
        if (command.ArgumentsUsage.Length > 0) text.Append(' ').Append(command.ArgumentsUsage);
        text.Append('\n');
        if (command.Description != null)
        {
            text.Append("\nDESCRIPTION:\n");
            foreach (var line in command.Description.Split('\n'))
                text.Append(line.Length == 0 ? "" : Indent).Append(line).Append('\n');
        }
        if (flags.Count > 0)
        {
            text.Append("\nOPTIONS:\n");
            AppendColumns(text, flags);
        }
        return text.ToString();
    }

    private static List<(string Left, string Right)> FlagRows(IEnumerable<IFlagHelp> flags)
    {
        var rows = new List<(string, string)>();
        foreach (var flag in flags)
        {
            if (flag.Hidden) continue;
            var names = Spell(flag.Name, flag.TakesValue);
            if (flag.ShortName != null) names += ", " + Spell(flag.ShortName, flag.TakesValue);
            var usage = flag.DefaultText == null ? flag.Usage : $"{flag.Usage} (default: {flag.DefaultText})";
            rows.Add((names, usage));
        }
        return rows;
    }

    private static string Spell(string name, bool takesValue) => (name.Length == 1 ? "-" : "--") + name + (takesValue ? " value" : "");

    private static void AppendColumns(StringBuilder text, List<(string Left, string Right)> rows)
    {
        var width = 0;
        foreach (var (left, _) in rows) width = Math.Max(width, left.Length);
        foreach (var (left, right) in rows)
            text.Append(Indent).Append(left.PadRight(width + 2)).Append(right).Append('\n');
    }
}
