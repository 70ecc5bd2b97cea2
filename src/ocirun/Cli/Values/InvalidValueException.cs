namespace Ocirun.Cli.Values;

/// <summary>A flag or argument value that does not parse; the parser adds which flag it was.</summary>
internal sealed class InvalidValueException(string reason) : Exception(reason);
