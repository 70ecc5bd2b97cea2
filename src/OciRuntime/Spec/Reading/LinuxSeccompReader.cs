namespace OciRuntime.Spec.Reading;

/// <summary>A seccomp profile (linux.seccomp).</summary>
internal static class LinuxSeccompReader
{
    public static LinuxSeccomp Seccomp(ref SpecReader r)
    {
        var seccomp = new LinuxSeccomp();
        while (r.NextProperty())
        {
            if (r.Is("defaultAction")) seccomp.DefaultAction = r.String();
            else if (r.Is("defaultErrnoRet")) seccomp.DefaultErrnoRet = r.OptionalUInt32();
            else if (r.Is("architectures")) seccomp.Architectures = r.Strings();
            else if (r.Is("flags")) seccomp.Flags = r.Strings();
            else if (r.Is("listenerPath")) seccomp.ListenerPath = r.OptionalString();
            else if (r.Is("listenerMetadata")) seccomp.ListenerMetadata = r.OptionalString();
            else if (r.Is("syscalls")) seccomp.Syscalls = r.Objects(Syscall);
            else r.Skip();
        }
        return seccomp;
    }

    private static LinuxSyscall Syscall(ref SpecReader r)
    {
        var syscall = new LinuxSyscall();
        while (r.NextProperty())
        {
            if (r.Is("names")) syscall.Names = r.RequiredStrings();
            else if (r.Is("action")) syscall.Action = r.String();
            else if (r.Is("errnoRet")) syscall.ErrnoRet = r.OptionalUInt32();
            else if (r.Is("args")) syscall.Args = r.Objects(Arg);
            else r.Skip();
        }
        return syscall;
    }

    private static LinuxSeccompArg Arg(ref SpecReader r)
    {
        var arg = new LinuxSeccompArg();
        while (r.NextProperty())
        {
            if (r.Is("index")) arg.Index = r.UInt32();
            else if (r.Is("value")) arg.Value = r.UInt64();
            else if (r.Is("valueTwo")) arg.ValueTwo = r.OptionalUInt64();
            else if (r.Is("op")) arg.Op = r.String();
            else r.Skip();
        }
        return arg;
    }
}
