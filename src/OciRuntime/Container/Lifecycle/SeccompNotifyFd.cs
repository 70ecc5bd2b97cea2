using OciRuntime.Container.State;
using OciRuntime.Seccomp;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// Hands a seccomp notify fd (the init's at create, an exec'd program's at exec) to the agent at the profile's
/// listenerPath with the container's state, as runc does.
/// </summary>
internal static class SeccompNotifyFd
{
    public static void Pass(LinuxSeccomp? profile, ContainerRecord record, ContainerStatus status, int initPid, int processPid, int fd)
    {
        if (string.IsNullOrEmpty(profile?.ListenerPath))
            throw new OciRuntimeException("linux.seccomp: SCMP_ACT_NOTIFY needs linux.seccomp.listenerPath");
        var state = OciState.From(record, status);
        SeccompListenerClient.Send(profile.ListenerPath, fd, new SeccompListenerState(
            state.OciVersion, record.Id, status.ToOciString(), initPid, record.Bundle, record.Annotations, processPid, profile.ListenerMetadata));
    }
}
