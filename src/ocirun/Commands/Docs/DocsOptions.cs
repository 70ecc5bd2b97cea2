namespace Ocirun.Commands;

internal enum DocsKind { Man, Bash, Zsh }

/// <summary><c>ocirun docs man DIR | bash | zsh</c>.</summary>
internal sealed class DocsOptions
{
    public DocsKind Kind { get; set; }

    /// <summary>Where <c>docs man</c> writes the pages.</summary>
    public string Directory { get; set; } = "";
}
