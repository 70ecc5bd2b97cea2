using OciRuntime.Container.Spawn;
using OciRuntime.Linux;
using OciRuntime.Seccomp;

namespace OciRuntime.Container.Init;

/// <summary>
/// The container's seccomp filter in the init stage. The command compiled it (or took it from the cache) and sent
/// the BPF bytes in the plan, so the init never needs libseccomp. When it is loaded:
/// <list type="bullet">
/// <item>With noNewPrivileges and no listener: last, right before execve, so none of our own set-up runs under
/// it (<see cref="LoadLate"/>); but before startContainer hooks when there are any
/// (<see cref="LoadBeforeStartContainerHooks"/>): runc loads the filter before them, so a hook, which runs
/// inside the container, never gets more syscalls than the container's program.</item>
/// <item>Without noNewPrivileges: loading needs CAP_SYS_ADMIN, so before the user and capabilities are switched,
/// as runc does (<see cref="LoadEarly"/>). The rest of the set-up, the wait for start and the startContainer hooks
/// then run under the filter.</item>
/// <item>With a listener: early too, while the command that has to hand the notify fd to the agent still runs.
/// </item>
/// </list>
/// </summary>
internal sealed class InitSeccomp(SeccompProgram program, bool noNewPrivileges) : IDisposable
{
    private bool _loaded;

    public static InitSeccomp? From(InitPlan plan, bool noNewPrivileges) =>
        plan.SeccompFilter is { Length: > 0 } filter
            ? new InitSeccomp(new SeccompProgram(filter, (SeccompFilterFlags)plan.SeccompFlags), noNewPrivileges)
            : null;

    internal bool LoadsEarly => !noNewPrivileges || program.HasListener;

    /// <summary>Before the identity switch: loads the filter when it cannot wait, and passes a notify fd to the
    /// command (which hands it to the agent at listenerPath) and waits until it has.</summary>
    public void LoadEarly(SyncSocket socket)
    {
        if (!LoadsEarly) return;
        var notifyFd = Load();
        if (notifyFd < 0) return;
        try
        {
            socket.Send(InitMessage.SeccompNotifyFd, [], [notifyFd]);
            var reply = socket.Receive() ?? throw new OciRuntimeException("init: the runtime went away while passing the seccomp fd");
            if (reply.Message == InitMessage.Error) throw new OciRuntimeException(reply.Text);
            if (reply.Message != InitMessage.SeccompNotifyFdDone)
                throw new OciRuntimeException($"init: expected the seccomp fd acknowledgement, got message {reply.Kind}");
        }
        finally
        {
            Libc.Close(notifyFd);
        }
    }

    /// <summary>After start, when there are startContainer hooks: loads the filter unless it is on already.</summary>
    public void LoadBeforeStartContainerHooks() => LoadLate();

    /// <summary>Right before execve: loads the filter unless it is on already.</summary>
    public void LoadLate()
    {
        if (!_loaded) Load();
    }

    private int Load()
    {
        _loaded = true;
        return program.Install();
    }

    public void Dispose() => program.Dispose();
}
