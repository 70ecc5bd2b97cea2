namespace OciRuntime.Container.State;

/// <summary>Device and inode: the same value for a path and a descriptor means they name the same file.</summary>
internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode);
