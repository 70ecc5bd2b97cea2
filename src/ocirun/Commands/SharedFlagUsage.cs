namespace Ocirun.Commands;

/// <summary>Help texts of flags that several commands share, so they read the same everywhere.</summary>
internal static class SharedFlagUsage
{
    public const string Bundle = "path to the bundle directory (config.json and the root filesystem), default: the current directory";
    public const string ConsoleSocket = "path to an AF_UNIX socket that receives the file descriptor of the console's pseudoterminal master";
    public const string PidfdSocket = "path to an AF_UNIX socket that receives a pidfd of the container's init process";
    public const string ExecPidfdSocket = "path to an AF_UNIX socket that receives a pidfd of the exec'd process";
    public const string PidFile = "file to write the process id to";
    public const string NoPivot = "do not use pivot_root to jail the process inside the rootfs (needed when the rootfs is on a ramdisk)";
    public const string NoNewKeyring = "do not create a new session keyring; the container inherits the caller's session keyring";
    public const string PreserveFds = "pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)";
    public const string Detach = "detach from the container's process";
    public const string NoSubreaper = "do not become a subreaper for processes reparented from the container";
    public const string ContainerIdUsage = "<container-id>";
}
