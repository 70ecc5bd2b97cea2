using Ocirun.Cli;

namespace Ocirun.Commands;

/// <summary>
/// Hidden: writes what the build installs next to the binary, from the binary's own tables (make man, make deb):
/// <c>docs man DIR</c> the man pages, <c>docs bash</c> and <c>docs zsh</c> the completion scripts on stdout.
/// </summary>
internal sealed class DocsCommand : CommandSyntax<DocsOptions>
{
    public override string Name => "docs";
    public override string Summary => "write the man pages or a shell completion script (build use)";
    public override string ArgumentsUsage => "man <directory> | bash | zsh";
    public override bool Hidden => true;

    protected override IReadOnlyList<Flag<DocsOptions>> Flags { get; } = [];

    protected override ArgumentCount Arguments => ArgumentCount.Between(1, 2);

    protected override DocsOptions NewOptions() => new();

    protected override void BindArguments(DocsOptions options, IReadOnlyList<string> arguments)
    {
        options.Kind = arguments[0] switch
        {
            "man" when arguments.Count == 2 => DocsKind.Man,
            "bash" when arguments.Count == 1 => DocsKind.Bash,
            "zsh" when arguments.Count == 1 => DocsKind.Zsh,
            _ => throw new UsageException($"expects {ArgumentsUsage}"),
        };
        if (options.Kind == DocsKind.Man) options.Directory = arguments[1];
    }

    protected override ICommandHandler<DocsOptions> CreateHandler() => new DocsHandler();
}
