using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// Starts a container's first process with clone3 (process-model.md): one clone with every CLONE_NEW* flag when
/// nothing is joined; otherwise setns, then unshare, then a second clone so the init lands in the pid namespace.
/// Returns once the child has been released; its pid is then the container's init (or the intermediate's child).
/// </summary>
internal static unsafe class InitSpawner
{
    private const int CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWTIME = 0x80, PR_SET_DUMPABLE = 4;

    public sealed record Spawned(int Pid, SyncSocket Socket);

    public static Spawned Spawn(SpawnRequest request)
    {
        var (parentEnd, childEnd) = SyncSocket.CreatePair();
        try
        {
            childEnd.ClearCloseOnExec();
            foreach (var fd in request.InheritedFds) ClearCloseOnExec(fd);
            var pid = CloneChild(request, childEnd.Fd);
            childEnd.Dispose();
            var initPid = Release(request, pid, parentEnd);
            return new Spawned(initPid, parentEnd);
        }
        catch
        {
            childEnd.Dispose();
            parentEnd.Dispose();
            throw;
        }
    }

    private static int CloneChild(SpawnRequest request, int syncFd)
    {
        var joins = request.Joins.OrderBy(j => j.CloneFlag == CLONE_NEWUSER ? 0 : 1).ToArray();
        var joinsUser = joins.Any(j => j.CloneFlag == CLONE_NEWUSER);
        var joinsPid = joins.Any(j => j.CloneFlag == CLONE_NEWPID);
        var onePass = !request.TwoPass;
        var newTime = (request.NewNamespaces & CLONE_NEWTIME) != 0 && request.WriteTimeOffsets != null;
        var newUser = (request.NewNamespaces & CLONE_NEWUSER) != 0;
        var newPid = (request.NewNamespaces & CLONE_NEWPID) != 0;

        using var argv = new NativeStringArray(request.Argv);
        using var envp = new NativeStringArray(request.SyncFdVariable != null ? [.. request.Environment, $"{request.SyncFdVariable}={syncFd}"] : request.Environment);
        var taskFds = stackalloc int[Math.Max(request.CgroupTasks.Count, 1)];
        for (var i = 0; i < request.CgroupTasks.Count; i++) taskFds[i] = request.CgroupTasks[i].Fd;
        var joinFds = stackalloc int[Math.Max(joins.Length, 1)];
        var joinTypes = stackalloc int[Math.Max(joins.Length, 1)];
        for (var i = 0; i < joins.Length; i++)
        {
            joinFds[i] = joins[i].Fd;
            joinTypes[i] = joins[i].CloneFlag;
        }

        var plan = (ChildPlan*)NativeMemory.AllocZeroed((nuint)sizeof(ChildPlan));
        try
        {
            plan->SyncFd = syncFd;
            plan->BinaryFd = request.BinaryFd;
            plan->LockFd = request.LockFd;
            plan->CgroupTaskCount = request.CgroupTasks.Count;
            plan->CgroupTaskFds = taskFds;
            plan->JoinCount = joins.Length;
            plan->WaitForGo = request.ChildStartsAtOnce ? 0 : 1;
            plan->JoinFds = joinFds;
            plan->JoinTypes = joinTypes;
            plan->Argv = argv.Pointer;
            plan->Envp = envp.Pointer;
            plan->BecomeRoot = newUser || joinsUser ? 1 : 0;
            plan->Init = (OciRuntime.Container.Init.InitChildPlan*)request.InitChild;
            if (plan->Init != null) plan->Init->Process->SyncFd = syncFd;
            if (!onePass)
            {
                plan->UnshareUserNamespace = newUser ? 1 : 0;
                plan->UnshareFlags = request.NewNamespaces & ~CLONE_NEWUSER;
                plan->CloneIntoPidNamespace = newPid || joinsPid || newTime ? 1 : 0;
                plan->WaitForTimeOffsets = newTime ? 1 : 0;
                plan->ReportRelease = 1;
            }

            // The raw init lives in the container with our image as its /proc/PID/exe until `start`; nothing in the
            // container may reach that (CVE-2019-5736). It copies this process's dumpable flag at the clone, so it is
            // non-dumpable from its first instruction. Only a root command builds in process: nothing it does needs
            // the flag.
            if (plan->Init != null) Libc.Prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
            var args = CloneArgs.ForChild(onePass ? (ulong)(uint)request.NewNamespaces : 0, request.CgroupFd);
            return Clone3.Run(&args, &RunChild, plan);
        }
        finally
        {
            NativeMemory.Free(plan);
        }
    }

    private static int Release(SpawnRequest request, int childPid, SyncSocket socket)
    {
        var released = false;
        try
        {
            request.BeforeStart?.Invoke(childPid);
            if (!request.ChildStartsAtOnce) socket.SendGo();
            var initPid = childPid;
            // The one-clone path says nothing until the init stage talks; the two-pass path reports how it went.
            var twoPass = request.TwoPass;
            while (twoPass)
            {
                var frame = socket.Receive() ?? throw new OciRuntimeException("container init exited before it started");
                if (!frame.IsChildReport) throw new OciRuntimeException($"sync socket: unexpected message {frame.Kind}");
                switch (frame.Report)
                {
                    case ChildReport.Failed:
                        throw ChildFailure(frame.A, frame.B, request.CgroupTasks);
                    case ChildReport.NeedIdMaps:
                        request.WriteIdMaps?.Invoke(childPid);
                        socket.SendGo();
                        break;
                    case ChildReport.NeedTimeOffsets:
                        request.WriteTimeOffsets?.Invoke(childPid);
                        socket.SendGo();
                        break;
                    case ChildReport.InitPid:
                        initPid = frame.A;
                        Reap(childPid);
                        twoPass = false;
                        break;
                    case ChildReport.Released:
                        twoPass = false;
                        break;
                }
            }
            released = true;
            return initPid;
        }
        finally
        {
            if (!released)
            {
                Libc.Kill(childPid, 9);
                Reap(childPid);
            }
        }
    }

    /// <summary>Words a raw-child failure report; the report packs the step in the low byte, a detail above it.</summary>
    public static SystemCallException ChildFailure(int stepAndDetail, int errno, IReadOnlyList<OciRuntime.Cgroups.CgroupTaskFile> cgroupTasks)
    {
        var step = (ChildStep)(stepAndDetail & 0xff);
        var detail = stepAndDetail >> 8;
        var what = step switch
        {
            ChildStep.WaitForParent => "waiting for the runtime",
            ChildStep.JoinNamespace => $"joining namespace #{detail}",
            ChildStep.UnshareUserNamespace => "creating the user namespace",
            ChildStep.UnshareNamespaces => "creating namespaces",
            ChildStep.CloneIntoPidNamespace => "starting the init in its pid namespace",
            ChildStep.BecomeRoot => "becoming root in the user namespace",
            ChildStep.ExecInit => "executing the init stage",
            ChildStep.JoinCgroup => $"joining cgroup {OciRuntime.Cgroups.CgroupTaskFile.DirectoryAt(cgroupTasks, detail)}",
            _ => $"step {(int)step}",
        };
        return Errno.Exception($"container init: {what}", errno);
    }

    public static void Reap(int pid)
    {
        int status;
        while (Libc.WaitPid(pid, &status, 0) < 0 && Libc.LastErrno == Libc.EINTR) { }
    }

    private static void ClearCloseOnExec(int fd)
    {
        const int F_SETFD = 2;
        Errno.Check(Libc.Fcntl(fd, F_SETFD, 0), "fcntl");
    }

    private static void RunChild(void* plan) => RawChild.Run((ChildPlan*)plan);
}
