using OciRuntime.Spec;

namespace OciRuntime.Container.Rootfs;

/// <summary>Where a mount's source is on the host.</summary>
internal static class MountSources
{
    /// <summary>A bind mount's relative source is relative to the bundle (runtime-spec; runc joins it to the bundle
    /// it runs in); other sources are names for the filesystem and stay as they are.</summary>
    public static string? HostPath(Mount mount, MountOptions options, string bundle) =>
        options.IsBind && !string.IsNullOrEmpty(mount.Source) && !Path.IsPathRooted(mount.Source)
            ? Path.GetFullPath(mount.Source, bundle)
            : mount.Source;
}
