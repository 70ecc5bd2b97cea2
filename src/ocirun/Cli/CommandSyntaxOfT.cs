using Ocirun.Commands;
using Ocirun.Streams;

namespace Ocirun.Cli;

/// <summary>
/// A subcommand whose flags and arguments parse into a <typeparamref name="TOptions"/> and whose handler runs
/// with (<see cref="GlobalOptions"/>, <typeparamref name="TOptions"/>).
/// </summary>
internal abstract class CommandSyntax<TOptions> : CommandSyntax where TOptions : class
{
    protected abstract IReadOnlyList<Flag<TOptions>> Flags { get; }

    protected abstract ArgumentCount Arguments { get; }

    /// <summary>exec and ps pass everything after the container id through, so their flags must come first.</summary>
    protected virtual bool FlagsOnlyBeforeArguments => false;

    protected virtual int FailureExitCode => Invocation.DefaultFailureExitCode;

    public sealed override IEnumerable<IFlagHelp> FlagHelp => Flags;

    protected abstract TOptions NewOptions();

    /// <summary>Moves the positional arguments (already counted) into the options; may throw <see cref="UsageException"/>.</summary>
    protected abstract void BindArguments(TOptions options, IReadOnlyList<string> arguments);

    protected abstract ICommandHandler<TOptions> CreateHandler();

    public sealed override Invocation Parse(GlobalOptions global, ReadOnlySpan<string> args, IOutput stdout)
    {
        var options = NewOptions();
        var parsed = FlagParser.Parse(args, Flags, options, FlagsOnlyBeforeArguments);
        if (parsed.HelpRequested) return HelpWriter.CommandHelpInvocation(this, stdout);
        Arguments.Check(parsed.Arguments.Count, ArgumentsUsage);
        BindArguments(options, parsed.Arguments);
        return new Invocation(Name, options, () => CreateHandler().Run(global, options))
        {
            ContainerId = (options as IContainerOptions)?.ContainerId,
            FailureExitCode = FailureExitCode,
        };
    }
}
