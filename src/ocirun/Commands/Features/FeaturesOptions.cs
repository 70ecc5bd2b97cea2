namespace Ocirun.Commands;

/// <summary><c>ocirun features</c> takes no options; the type keeps every handler's signature alike.</summary>
internal sealed class FeaturesOptions;
