using Ocirun.Cli;
using Ocirun.Commands;

namespace Ocirun.Docs;

/// <summary>
/// The command line as the man pages and completions describe it, read from the parser's own tables
/// (<see cref="CommandCatalog"/>, each command's flags, <see cref="GlobalCommandLine.Flags"/>), so they cannot
/// drift from what ocirun accepts.
/// </summary>
internal static class DocumentedCli
{
    /// <summary>The commands --help lists, in its order.</summary>
    public static IReadOnlyList<CommandSyntax> Commands() =>
        CommandCatalog.Names.Select(name => CommandCatalog.Find(name)!).Where(command => !command.Hidden).ToList();

    /// <summary>Every flag the command's parser knows (hidden ones too), then --help.</summary>
    public static IReadOnlyList<IFlagHelp> Flags(CommandSyntax command) => [.. command.FlagHelp, HelpFlag.Instance];

    public static bool TakesContainerId(CommandSyntax command) =>
        command.ArgumentsUsage.StartsWith(SharedFlagUsage.ContainerIdUsage, StringComparison.Ordinal);

    /// <summary>"--bundle" and "-b": the long spelling first.</summary>
    public static IEnumerable<string> Spellings(IFlagHelp flag)
    {
        yield return "--" + flag.Name;
        if (flag.ShortName != null) yield return "-" + flag.ShortName;
    }

    public static string Describe(IFlagHelp flag) =>
        flag.DefaultText == null ? flag.Usage : $"{flag.Usage} (default: {flag.DefaultText})";
}
