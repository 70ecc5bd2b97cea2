using Ocirun.Commands;
using Ocirun.Streams;

namespace Ocirun.Cli;

/// <summary>A subcommand as --help and the parser see it, whatever its options type.</summary>
internal abstract class CommandSyntax
{
    public abstract string Name { get; }

    /// <summary>One line for the command list.</summary>
    public abstract string Summary { get; }

    /// <summary>The positional arguments, e.g. <c>&lt;container-id&gt; [signal]</c>; empty when there are none.</summary>
    public abstract string ArgumentsUsage { get; }

    public virtual string? Description => null;

    /// <summary>Hidden commands (init) are not listed by --help.</summary>
    public virtual bool Hidden => false;

    public abstract IEnumerable<IFlagHelp> FlagHelp { get; }

    /// <summary>Parses the arguments after the command name; throws <see cref="UsageException"/>.</summary>
    public abstract Invocation Parse(GlobalOptions global, ReadOnlySpan<string> args, IOutput stdout);
}
