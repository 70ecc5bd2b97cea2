using OciRuntime.Linux;

namespace OciRuntime.Container.Exec;

/// <summary>
/// The --debug lines of an exec, at the points where runc logs its own. Each starts with runc's words for the same
/// stage ("nsexec container setup" for entering cgroups and namespaces, "child process in init()" for the process
/// that is in them, "setns_init: about to exec"), so that whoever reads runc's debug log (runc's own tests grep for
/// them) finds the same milestones in ocirun's; the rest of the line says what ocirun does there.
/// </summary>
internal static class ExecDebugLog
{
    public static string CloningChild(ExecSetup setup)
    {
        var steps = new List<string>();
        if (setup.CgroupFd >= 0) steps.Add("its cgroup2 directory (CLONE_INTO_CGROUP)");
        if (setup.CgroupTasks.Count > 0) steps.Add($"the cgroups {string.Join(", ", setup.CgroupTasks.Select(t => t.Directory))}");
        if (setup.BeforeStart != null) steps.Add("the cgroups it is moved into by pid");
        if (setup.Namespaces is { } namespaces)
        {
            var names = namespaces.Joins.Select(j => NamespaceType.All.First(t => t.CloneFlag == (ulong)j.CloneFlag).ProcFileName).ToList();
            if (names.Count > 0) steps.Add($"the container's {string.Join(", ", names)} namespaces");
            if (namespaces.RootFd >= 0) steps.Add("the container's root (chroot)");
        }
        var joins = steps.Count > 0 ? string.Join(", ", steps) : "nothing (the container shares our cgroups and namespaces)";
        return $"=> nsexec container setup: clone3 of the exec child for {setup.Path}, which joins {joins}";
    }

    public static string ClonedIntoPidNamespace(int pid) =>
        $"nsexec container setup: the exec child cloned pid {pid} into the container's pid namespace";

    /// <param name="pid">The child's pid in the container's pid namespace.</param>
    public static string Milestone(ExecMilestone milestone, int pid, ExecSetup setup) => milestone switch
    {
        ExecMilestone.InContainer =>
            $"<= nsexec container setup: child process in init(): pid {pid} (in the container) is in its cgroups and namespaces",
        ExecMilestone.AboutToExec =>
            $"setns_init: about to exec {setup.Path} (pid {pid} in the container, uid {setup.Uid}, gid {setup.Gid})" +
            (setup.Seccomp != null ? " after loading the seccomp filter" : ""),
        _ => $"exec child milestone {(int)milestone} (pid {pid} in the container)",
    };

    public static string Started(ExecSetup setup, int pid) => $"exec: {setup.Path} runs as pid {pid}";
}
