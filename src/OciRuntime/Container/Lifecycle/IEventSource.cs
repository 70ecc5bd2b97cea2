using OciRuntime.Cgroups;

namespace OciRuntime.Container.Lifecycle;

/// <summary>What the events loop observes of a container; the seam that lets the loop run without one.</summary>
internal interface IEventSource
{
    bool IsRunning();

    CgroupStats Stats();

    ulong OomKillCount();
}
