namespace OciRuntime.Seccomp;

/// <summary>A profile compiled to the BPF program the kernel takes and the flags to load it with.</summary>
internal sealed record CompiledSeccompFilter(byte[] Program, SeccompFilterFlags Flags);

/// <summary>
/// Turns a <see cref="SeccompProfile"/> into libseccomp calls the way runc's libcontainer/seccomp does, then
/// exports the BPF instead of letting libseccomp load it, with runc's -ENOSYS stub in front
/// (<see cref="SeccompEnosysStub"/>): loading is ours (seccomp(2) right before exec, from a cached program when
/// there is one).
/// </summary>
internal static class SeccompCompiler
{
    private const int EEXIST = 17;

    // runc: libseccomp's binary tree optimisation pays off for longer lists and misbehaves with none.
    private const int OptimizeAboveRules = 32;

    public static CompiledSeccompFilter Compile(SeccompProfile profile, ILibSeccomp lib)
    {
        RejectUnloadableNotify(profile);
        IntPtr filter = lib.Init(profile.DefaultAction);
        if (filter == IntPtr.Zero)
            throw new OciRuntimeException($"linux.seccomp.defaultAction: libseccomp {lib.Version} rejects action 0x{profile.DefaultAction:x8}");
        try
        {
            AddArchitectures(profile, lib, filter);
            SeccompFilterFlags flags = ApplyFlags(profile, lib, filter);
            if (profile.Rules.Count > OptimizeAboveRules)
            {
                int rc = lib.AttrSet(filter, ScmpFilterAttribute.Optimize, 2);
                if (rc < 0) RuntimeLog.Debug($"seccomp: binary tree optimisation not available: {Errno.Describe(-rc)}");
            }
            foreach (SeccompRule rule in profile.Rules) AddRule(profile, rule, lib, filter);
            byte[] stub = SeccompEnosysStub.Build(profile, lib);
            byte[] program = lib.ExportBpf(filter);
            return new CompiledSeccompFilter(stub.Length == 0 ? program : [.. stub, .. program], flags);
        }
        finally
        {
            lib.Release(filter);
        }
    }

    // As runc: after loading the filter the runtime still writes the notify fd to its parent, and nobody can
    // answer a notification before the agent has that fd.
    private static void RejectUnloadableNotify(SeccompProfile profile)
    {
        if (profile.DefaultAction == LibSeccompConstants.ActNotify)
            throw new OciRuntimeException("linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action");
        foreach (SeccompRule rule in profile.Rules)
        {
            if (rule.Action == LibSeccompConstants.ActNotify && rule.Name == "write")
                throw new OciRuntimeException($"linux.seccomp.syscalls[{rule.SyscallsIndex}]: SCMP_ACT_NOTIFY cannot be used for the write syscall");
        }
    }

    private static void AddArchitectures(SeccompProfile profile, ILibSeccomp lib, IntPtr filter)
    {
        // seccomp_init already holds the native architecture; like runc we keep it and add the listed ones.
        for (int i = 0; i < profile.Architectures.Count; i++)
        {
            int rc = lib.ArchAdd(filter, profile.Architectures[i]);
            if (rc < 0 && rc != -EEXIST)
                throw new OciRuntimeException($"linux.seccomp.architectures[{i}]: adding architecture 0x{profile.Architectures[i]:x8}: {Errno.Describe(-rc)}");
        }
    }

    private static SeccompFilterFlags ApplyFlags(SeccompProfile profile, ILibSeccomp lib, IntPtr filter)
    {
        // The attributes only make libseccomp check that the kernel supports the flag (export ignores them);
        // the flags themselves go to our own seccomp(2) call.
        SeccompFilterFlags requested = profile.Flags.Requested;
        SeccompFilterFlags flags = SeccompFilterFlags.None;
        if ((requested & SeccompFilterFlags.Log) != 0)
        {
            RequireAttribute(lib, filter, ScmpFilterAttribute.Log, "SECCOMP_FILTER_FLAG_LOG");
            flags |= SeccompFilterFlags.Log;
        }
        if ((requested & SeccompFilterFlags.SpecAllow) != 0)
        {
            RequireAttribute(lib, filter, ScmpFilterAttribute.SpecStoreBypass, "SECCOMP_FILTER_FLAG_SPEC_ALLOW");
            flags |= SeccompFilterFlags.SpecAllow;
        }
        else if (profile.Flags.SpecAllowIfSupported)
        {
            int rc = lib.AttrSet(filter, ScmpFilterAttribute.SpecStoreBypass, 1);
            if (rc == 0) flags |= SeccompFilterFlags.SpecAllow;
            else RuntimeLog.Debug($"seccomp: SECCOMP_FILTER_FLAG_SPEC_ALLOW not supported: {Errno.Describe(-rc)}");
        }
        if (profile.HasNotify) flags |= SeccompFilterFlags.NewListener;
        if ((requested & SeccompFilterFlags.WaitKillableRecv) != 0)
        {
            // libseccomp 2.5 has no attribute for it; the kernel (5.19+) is asked directly. It is only valid
            // together with a listener, so a profile without SCMP_ACT_NOTIFY loads without it.
            if (!profile.HasNotify)
                RuntimeLog.Debug("seccomp: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV ignored: the profile has no SCMP_ACT_NOTIFY rule");
            else if (!lib.KernelAcceptsFlags(SeccompFilterFlags.NewListener | SeccompFilterFlags.WaitKillableRecv))
                throw new OciRuntimeException("linux.seccomp.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV is not supported by this kernel (needs Linux 5.19)");
            else
                flags |= SeccompFilterFlags.WaitKillableRecv;
        }
        return flags;
    }

    private static void RequireAttribute(ILibSeccomp lib, IntPtr filter, ScmpFilterAttribute attribute, string flagName)
    {
        int rc = lib.AttrSet(filter, attribute, 1);
        if (rc < 0)
            throw new OciRuntimeException($"linux.seccomp.flags: {flagName} is not supported by libseccomp {lib.Version} or the kernel: {Errno.Describe(-rc)}");
    }

    private static void AddRule(SeccompProfile profile, SeccompRule rule, ILibSeccomp lib, IntPtr filter)
    {
        // libseccomp refuses a rule whose action is the default one; it would change nothing anyway.
        if (rule.Action == profile.DefaultAction) return;
        int syscall = lib.ResolveSyscall(rule.Name);
        if (syscall == LibSeccompConstants.NrScmpError)
        {
            // Usually a syscall newer than this libseccomp, or one of another architecture: runc skips it too.
            RuntimeLog.Debug($"seccomp: unknown syscall \"{rule.Name}\" ignored");
            return;
        }
        if (HasRepeatedArgument(rule.Args))
        {
            // libseccomp cannot compare one argument twice in a rule (it used to AND them wrongly); runc then
            // adds one rule per comparison, which ORs them.
            foreach (ScmpArgCmp arg in rule.Args) Add(lib, filter, rule, syscall, [arg]);
        }
        else
        {
            Add(lib, filter, rule, syscall, rule.Args);
        }
    }

    private static void Add(ILibSeccomp lib, IntPtr filter, SeccompRule rule, int syscall, IReadOnlyList<ScmpArgCmp> args)
    {
        ScmpArgCmp[] array = args as ScmpArgCmp[] ?? args.ToArray();
        int rc = lib.RuleAdd(filter, rule.Action, syscall, array);
        if (rc < 0)
            throw new OciRuntimeException($"linux.seccomp.syscalls[{rule.SyscallsIndex}]: adding a rule for \"{rule.Name}\": {Errno.Describe(-rc)}");
    }

    private static bool HasRepeatedArgument(IReadOnlyList<ScmpArgCmp> args)
    {
        uint seen = 0;
        foreach (ScmpArgCmp arg in args)
        {
            uint bit = 1u << (int)arg.Arg;
            if ((seen & bit) != 0) return true;
            seen |= bit;
        }
        return false;
    }
}
