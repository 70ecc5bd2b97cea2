using System.Runtime.InteropServices;
using System.Text;

namespace OciRuntime.Container.Exec;

/// <summary>
/// An <see cref="ExecSetup"/> laid out as an <see cref="ExecChildPlan"/> in native memory, with every array and
/// string it points to, for a raw child to read after clone3. Disposing frees it all.
/// </summary>
internal sealed unsafe class NativeExecPlan : IDisposable
{
    private readonly List<nint> _blocks = [];
    private readonly List<Spawn.NativeStringArray> _strings = [];

    public ExecChildPlan* Plan { get; }

    public NativeExecPlan(ExecSetup setup, int syncFd)
    {
        var plan = (ExecChildPlan*)Block(sizeof(ExecChildPlan));
        Plan = plan;
        var joins = setup.Namespaces?.Joins ?? [];
        plan->SyncFd = syncFd;
        plan->CgroupTaskCount = setup.CgroupTasks.Count;
        plan->CgroupTaskFds = Ints(setup.CgroupTasks.Select(t => t.Fd));
        plan->JoinCount = joins.Count;
        plan->JoinFds = Ints(joins.Select(j => j.Fd));
        plan->JoinTypes = Ints(joins.Select(j => j.CloneFlag));
        plan->RootFd = setup.Namespaces?.RootFd ?? -1;
        plan->CloneIntoPidNamespace = setup.Namespaces?.JoinsPid == true ? 1 : 0;
        plan->ConsoleFd = setup.ConsoleFd;
        plan->CloseFrom = setup.CloseFrom;
        plan->ReportMilestones = setup.ReportMilestones ? 1 : 0;
        var strings = Strings([setup.Path, setup.Cwd, setup.AppArmorExec ?? "", setup.SelinuxExec ?? ""]);
        plan->Path = strings[0];
        plan->Cwd = strings[1];
        plan->Argv = Strings(setup.Argv);
        plan->Envp = Strings(setup.Environment);
        plan->Uid = setup.Uid;
        plan->Gid = setup.Gid;
        plan->SetGroups = setup.SetGroups ? 1 : 0;
        plan->GroupCount = setup.AdditionalGids.Count;
        var groups = (uint*)Block(Math.Max(setup.AdditionalGids.Count, 1) * sizeof(uint));
        for (var i = 0; i < setup.AdditionalGids.Count; i++) groups[i] = setup.AdditionalGids[i];
        plan->Groups = groups;
        plan->Umask = setup.Umask;
        plan->LastCapability = setup.LastCapability;
        plan->CapBounding = setup.Capabilities.Bounding;
        plan->CapEffective = setup.Capabilities.Effective;
        plan->CapPermitted = setup.Capabilities.Permitted;
        plan->CapInheritable = setup.Capabilities.Inheritable;
        plan->CapAmbient = setup.Capabilities.Ambient;
        if (setup.AffinityInitial is { } initial)
        {
            plan->AffinityInitial = (byte*)Block(initial.Length);
            initial.CopyTo(new Span<byte>(plan->AffinityInitial, initial.Length));
            plan->AffinityInitialLength = initial.Length;
        }
        plan->AffinityFinal = (byte*)Block(setup.AffinityFinal.Length);
        setup.AffinityFinal.CopyTo(new Span<byte>(plan->AffinityFinal, setup.AffinityFinal.Length));
        plan->AffinityFinalLength = setup.AffinityFinal.Length;
        plan->MemoryPolicyMode = setup.MemoryPolicy?.Mode ?? -1;
        if (setup.MemoryPolicy is { } policy)
        {
            plan->MemoryPolicyMaxNode = policy.MaxNode;
            plan->MemoryPolicyNodes = (ulong*)Block(Math.Max(policy.Nodes.Length, 1) * sizeof(ulong));
            for (var i = 0; i < policy.Nodes.Length; i++) plan->MemoryPolicyNodes[i] = policy.Nodes[i];
        }
        plan->RlimitCount = setup.Rlimits.Count;
        var rlimits = (ulong*)Block(Math.Max(setup.Rlimits.Count * 3, 1) * sizeof(ulong));
        for (var i = 0; i < setup.Rlimits.Count; i++)
        {
            rlimits[3 * i] = (ulong)setup.Rlimits[i].Resource;
            rlimits[3 * i + 1] = setup.Rlimits[i].Soft;
            rlimits[3 * i + 2] = setup.Rlimits[i].Hard;
        }
        plan->Rlimits = rlimits;
        plan->NoNewPrivileges = setup.NoNewPrivileges ? 1 : 0;
        if (setup.Seccomp is { } seccomp)
        {
            plan->SeccompProgram = (void*)seccomp.SockFprog;
            plan->SeccompFlags = (uint)seccomp.Flags;
            plan->SeccompSyscall = OciRuntime.Seccomp.SeccompProgram.SyscallNumber;
        }
        if (setup.AppArmorExec != null)
        {
            plan->AppArmorExec = strings[2];
            plan->AppArmorExecLength = Encoding.UTF8.GetByteCount(setup.AppArmorExec);
        }
        if (setup.SelinuxExec != null)
        {
            plan->SelinuxExec = strings[3];
            plan->SelinuxExecLength = Encoding.UTF8.GetByteCount(setup.SelinuxExec);
        }
    }

    /// <summary>A NUL-terminated copy of <paramref name="value"/> that lives as long as the plan.</summary>
    public byte* String(string value) => Strings([value])[0];

    private byte** Strings(IReadOnlyList<string> values)
    {
        var array = new Spawn.NativeStringArray(values);
        _strings.Add(array);
        return array.Pointer;
    }

    private int* Ints(IEnumerable<int> values)
    {
        var list = values.ToList();
        var block = (int*)Block(Math.Max(list.Count, 1) * sizeof(int));
        for (var i = 0; i < list.Count; i++) block[i] = list[i];
        return block;
    }

    /// <summary>A zeroed native block that lives as long as the plan.</summary>
    public void* Block(int bytes)
    {
        var block = NativeMemory.AllocZeroed((nuint)bytes);
        _blocks.Add((nint)block);
        return block;
    }

    public void Dispose()
    {
        foreach (var block in _blocks) NativeMemory.Free((void*)block);
        _blocks.Clear();
        foreach (var array in _strings) array.Dispose();
        _strings.Clear();
    }
}
