namespace Ocirun.Cli;

/// <summary>What --help shows of a flag, independent of the options type it sets.</summary>
internal interface IFlagHelp
{
    string Name { get; }
    string? ShortName { get; }
    bool TakesValue { get; }
    string Usage { get; }
    string? DefaultText { get; }
    bool Hidden { get; }
}
