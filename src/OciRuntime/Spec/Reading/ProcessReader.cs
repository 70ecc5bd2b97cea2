namespace OciRuntime.Spec.Reading;

/// <summary>config.json's process, which is also the whole document of <c>exec --process</c>.</summary>
internal static class ProcessReader
{
    public static Process Process(ref SpecReader r)
    {
        var process = new Process();
        while (r.NextProperty())
        {
            if (r.Is("terminal")) process.Terminal = r.OptionalBoolean();
            else if (r.Is("consoleSize")) process.ConsoleSize = r.Object(ConsoleSize);
            else if (r.Is("user")) process.User = r.RequiredObject(User);
            else if (r.Is("args")) process.Args = r.Strings();
            else if (r.Is("env")) process.Env = r.Strings();
            else if (r.Is("cwd")) process.Cwd = r.String();
            else if (r.Is("capabilities")) process.Capabilities = r.Object(Capabilities);
            else if (r.Is("rlimits")) process.Rlimits = r.Objects(Rlimit);
            else if (r.Is("noNewPrivileges")) process.NoNewPrivileges = r.OptionalBoolean();
            else if (r.Is("apparmorProfile")) process.ApparmorProfile = r.OptionalString();
            else if (r.Is("oomScoreAdj")) process.OomScoreAdj = r.OptionalInt32();
            else if (r.Is("scheduler")) process.Scheduler = r.Object(Scheduler);
            else if (r.Is("selinuxLabel")) process.SelinuxLabel = r.OptionalString();
            else if (r.Is("ioPriority")) process.IOPriority = r.Object(IOPriority);
            else if (r.Is("execCPUAffinity")) process.ExecCpuAffinity = r.Object(CpuAffinity);
            else process.ExtensionData = r.Extension(process.ExtensionData);
        }
        return process;
    }

    private static ConsoleSize ConsoleSize(ref SpecReader r)
    {
        var size = new ConsoleSize();
        while (r.NextProperty())
        {
            if (r.Is("height")) size.Height = r.UInt32();
            else if (r.Is("width")) size.Width = r.UInt32();
            else r.Skip();
        }
        return size;
    }

    private static User User(ref SpecReader r)
    {
        var user = new User();
        while (r.NextProperty())
        {
            if (r.Is("uid")) user.Uid = r.UInt32();
            else if (r.Is("gid")) user.Gid = r.UInt32();
            else if (r.Is("umask")) user.Umask = r.OptionalUInt32();
            else if (r.Is("additionalGids")) user.AdditionalGids = r.UInt32s();
            else r.Skip();
        }
        return user;
    }

    private static PosixRlimit Rlimit(ref SpecReader r)
    {
        var rlimit = new PosixRlimit();
        while (r.NextProperty())
        {
            if (r.Is("type")) rlimit.Type = r.String();
            else if (r.Is("hard")) rlimit.Hard = r.UInt64();
            else if (r.Is("soft")) rlimit.Soft = r.UInt64();
            else r.Skip();
        }
        return rlimit;
    }

    private static LinuxCapabilities Capabilities(ref SpecReader r)
    {
        var capabilities = new LinuxCapabilities();
        while (r.NextProperty())
        {
            if (r.Is("bounding")) capabilities.Bounding = r.Strings();
            else if (r.Is("effective")) capabilities.Effective = r.Strings();
            else if (r.Is("inheritable")) capabilities.Inheritable = r.Strings();
            else if (r.Is("permitted")) capabilities.Permitted = r.Strings();
            else if (r.Is("ambient")) capabilities.Ambient = r.Strings();
            else r.Skip();
        }
        return capabilities;
    }

    private static Scheduler Scheduler(ref SpecReader r)
    {
        var scheduler = new Scheduler();
        while (r.NextProperty())
        {
            if (r.Is("policy")) scheduler.Policy = r.String();
            else if (r.Is("nice")) scheduler.Nice = r.OptionalInt32();
            else if (r.Is("priority")) scheduler.Priority = r.OptionalInt32();
            else if (r.Is("flags")) scheduler.Flags = r.Strings();
            else if (r.Is("runtime")) scheduler.Runtime = r.OptionalUInt64();
            else if (r.Is("deadline")) scheduler.Deadline = r.OptionalUInt64();
            else if (r.Is("period")) scheduler.Period = r.OptionalUInt64();
            else r.Skip();
        }
        return scheduler;
    }

    private static LinuxIOPriority IOPriority(ref SpecReader r)
    {
        var priority = new LinuxIOPriority();
        while (r.NextProperty())
        {
            if (r.Is("class")) priority.Class = r.String();
            else if (r.Is("priority")) priority.Priority = r.Int32();
            else r.Skip();
        }
        return priority;
    }

    private static CpuAffinity CpuAffinity(ref SpecReader r)
    {
        var affinity = new CpuAffinity();
        while (r.NextProperty())
        {
            if (r.Is("initial")) affinity.Initial = r.OptionalString();
            else if (r.Is("final")) affinity.Final = r.OptionalString();
            else r.Skip();
        }
        return affinity;
    }
}
