namespace Ocirun.Cli;

/// <summary>--help, -h: answered by <see cref="FlagParser"/> on every command line, not a flag of any options type.</summary>
internal sealed class HelpFlag : IFlagHelp
{
    public static readonly HelpFlag Instance = new();

    public string Name => "help";
    public string? ShortName => "h";
    public bool TakesValue => false;
    public string Usage => "show help";
    public string? DefaultText => null;
    public bool Hidden => false;
}
