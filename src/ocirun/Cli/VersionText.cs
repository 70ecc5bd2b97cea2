namespace Ocirun.Cli;

/// <summary>What <c>ocirun --version</c> prints; runc prints the same first three lines.</summary>
internal static class VersionText
{
    /// <summary>The OCI runtime-spec version ocirun implements.</summary>
    public const string SpecVersion = OciRuntime.Spec.RuntimeSpec.ImplementedVersion;

    public const string Text = "ocirun version " + BuildInfo.Version + "\ncommit: " + BuildInfo.Commit + "\nspec: " + SpecVersion + "\n";
}
