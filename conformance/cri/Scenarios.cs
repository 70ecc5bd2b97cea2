using Grpc.Core;
using OciRuntime.Conformance.Cri.V1;

namespace OciRuntime.Conformance.Cri;

/// <summary>
/// The CRI scenarios, in the order they run. Each makes its own pods and removes them when it passes (the
/// runner removes what a failed one left); each throws <see cref="ScenarioFailure"/> naming what differed.
/// </summary>
sealed class Scenarios(CriDriver cri, Options options)
{
    static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(30);
    static readonly string[] SleepLong = ["sleep", "3600"];
    const long MiB = 1024 * 1024;

    public IReadOnlyList<(string Name, Func<Task> Run)> All =>
    [
        ("version_and_local_images", VersionAndLocalImages),
        ("pod_and_container_logs_exit_code", PodAndContainerLogsExitCode),
        ("exec_sync", ExecSync),
        ("env_args_working_dir", EnvArgsWorkingDir),
        ("hostname_and_dns", HostnameAndDns),
        ("restricted_security_context", RestrictedSecurityContext),
        ("shared_and_host_namespaces", SharedAndHostNamespaces),
        ("tty", Tty),
        ("oom_killed", OomKilled),
        ("pod_sysctls", PodSysctls),
        ("volume_propagation", VolumePropagation),
        ("stop_container_grace_period", StopContainerGracePeriod),
        ("update_container_resources", UpdateContainerResources),
        ("container_stats", ContainerStats),
        ("list_pods_and_containers", ListPodsAndContainers),
        ("stop_and_remove_pod", StopAndRemovePod),
        ("nothing_left_behind", NothingLeftBehind),
    ];

    /// <summary>The CRI v1 API answers, and both images are known without a pull (they were imported).</summary>
    async Task VersionAndLocalImages()
    {
        var version = await cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, deadline: CriDriver.Deadline);
        Check.Equal("runtime name", "containerd", version.RuntimeName);
        Check.Equal("runtime API version", "v1", version.RuntimeApiVersion);
        foreach (var image in new[] { options.Image, options.PauseImage })
        {
            var request = new ImageStatusRequest { Image = new ImageSpec { Image = image } };
            await Check.EventuallyAsync($"image {image} known to the CRI plugin", TimeSpan.FromSeconds(10),
                async () => (await cri.Images.ImageStatusAsync(request, deadline: CriDriver.Deadline)).Image is not null);
        }
    }

    /// <summary>
    /// A pod gets the CNI plugin's address; its container (under the runtime's default seccomp profile, as
    /// a pod with seccompProfile RuntimeDefault) writes both streams to its log in the CRI log format and
    /// exits with a status ContainerStatus reports.
    /// </summary>
    async Task PodAndContainerLogsExitCode()
    {
        var pod = await cri.RunPodAsync("logs", "logs");
        var status = (await cri.PodStatusAsync(pod)).Status;
        Check.Equal("pod state", PodSandboxState.SandboxReady, status.State);
        Check.True(status.Network.Ip.StartsWith("192.0.2.", StringComparison.Ordinal),
            $"pod IP '{status.Network.Ip}' is not the CNI plugin's (192.0.2.0/24)");
        var id = await cri.RunContainerAsync(pod, "writer", ["sh", "-c", "echo to stdout; echo to stderr >&2; exit 3"],
            config => config.Linux.SecurityContext.Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault });
        var exited = await cri.WaitForStateAsync(id, ContainerState.ContainerExited, StateTimeout);
        Check.Equal("exit code", 3, exited.ExitCode);
        var logPath = Path.Combine(pod.LogDirectory, "writer.log");
        Check.Equal("log path", logPath, exited.LogPath);
        // "TIMESTAMP STREAM TAG TEXT" per line, F for a full line; the two streams are copied independently,
        // so their order in the file is not given.
        var lines = File.ReadAllLines(logPath).Select(line => line.Split(' ', 2)).ToList();
        Check.True(lines.All(fields => fields.Length == 2 && DateTimeOffset.TryParse(fields[0], out _)),
            $"log lines without a timestamp: {string.Join(" | ", File.ReadAllLines(logPath))}");
        Check.Equal("log entries", "stderr F to stderr|stdout F to stdout",
            string.Join('|', lines.Select(fields => fields[1]).Order(StringComparer.Ordinal)));
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// ExecSync returns stdout, stderr and exit code separately; the exec'd process has the container's
    /// oom_score_adj (a kubelet gives every container one; an exec probe must not keep the shim's); the pod's
    /// interface is in the container.
    /// </summary>
    async Task ExecSync()
    {
        var pod = await cri.RunPodAsync("exec", "exec");
        var id = await cri.RunContainerAsync(pod, "sleeper", SleepLong,
            config => config.Linux.Resources = new LinuxContainerResources { OomScoreAdj = 500 });
        await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);
        Check.Equal("oom_score_adj of an exec'd process", "500", await cri.ShellAsync(id, "cat /proc/self/oom_score_adj"));
        var result = await cri.ExecAsync(id, "sh", "-c", "echo out; echo err >&2; exit 7");
        Check.Equal("exec stdout", "out\n", result.Stdout);
        Check.Equal("exec stderr", "err\n", result.Stderr);
        Check.Equal("exec exit code", 7, result.ExitCode);
        var podIp = (await cri.PodStatusAsync(pod)).Status.Network.Ip;
        var addresses = await cri.ShellAsync(id, "ip -o -4 addr show dev eth0");
        Check.True(addresses.Contains($" {podIp}/24", StringComparison.Ordinal), $"eth0 in the container lacks {podIp}: {addresses}");
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// The image's entrypoint is replaced by the command, which gets the args; the environment and working
    /// directory are the container config's, the image's PATH stays.
    /// </summary>
    async Task EnvArgsWorkingDir()
    {
        var pod = await cri.RunPodAsync("process", "process");
        var id = await cri.RunContainerAsync(pod, "process", ["sh", "-c"], config =>
        {
            config.Args.Add("echo \"$GREETING|$(pwd)|$PATH|$0\"");
            config.Args.Add("arg0");
            config.Envs.Add(new KeyValue { Key = "GREETING", Value = "hello" });
            config.WorkingDir = "/tmp";
        });
        var exited = await cri.WaitForStateAsync(id, ContainerState.ContainerExited, StateTimeout);
        Check.Equal("exit code", 0, exited.ExitCode);
        Check.Equal("output", "hello|/tmp|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|arg0", LogText(pod, "process"));
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>The text of a container's log lines (stream and tag left out), joined by newlines.</summary>
    static string LogText(Pod pod, string containerName) =>
        string.Join('\n', File.ReadAllLines(Path.Combine(pod.LogDirectory, $"{containerName}.log"))
            .Select(line => line.Split(' ', 4) is { Length: 4 } fields ? fields[3] : $"<malformed: {line}>"));

    /// <summary>The pod's hostname and DNS config reach the container (files containerd bind-mounts over the image's).</summary>
    async Task HostnameAndDns()
    {
        var pod = await cri.RunPodAsync("dns", "dns", config =>
        {
            config.Hostname = "cri-e2e-host";
            config.DnsConfig = new DNSConfig { Servers = { "192.0.2.53" }, Searches = { "cri-e2e.example" }, Options = { "ndots:2" } };
        });
        var id = await cri.RunContainerAsync(pod, "resolver", SleepLong);
        await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);
        Check.Equal("hostname", "cri-e2e-host", await cri.ShellAsync(id, "hostname"));
        Check.Equal("/etc/hostname", "cri-e2e-host", await cri.ShellAsync(id, "cat /etc/hostname"));
        var resolvConf = await cri.ShellAsync(id, "cat /etc/resolv.conf");
        foreach (var line in new[] { "nameserver 192.0.2.53", "search cri-e2e.example", "options ndots:2" })
            Check.True(resolvConf.Split('\n').Contains(line), $"/etc/resolv.conf lacks '{line}': {resolvConf}");
        Check.True((await cri.ShellAsync(id, "cat /etc/hosts")).Contains("localhost", StringComparison.Ordinal), "/etc/hosts lacks localhost");
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// A container as Kubernetes' "restricted" pod security runs it: a user and groups (the image's
    /// /etc/group adds audio to user 1000's), no capabilities, no new privileges, the default seccomp
    /// profile, a read-only root; ExecSync's process gets the same.
    /// </summary>
    async Task RestrictedSecurityContext()
    {
        var pod = await cri.RunPodAsync("restricted", "restricted");
        var id = await cri.RunContainerAsync(pod, "restricted", SleepLong, config =>
        {
            var security = config.Linux.SecurityContext;
            security.RunAsUser = new Int64Value { Value = 1000 };
            security.RunAsGroup = new Int64Value { Value = 1000 };
            security.SupplementalGroups.Add(2000);
            security.NoNewPrivs = true;
            security.ReadonlyRootfs = true;
            security.Capabilities = new Capability { DropCapabilities = { "ALL" } };
            security.Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault };
        });
        await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);
        foreach (var process in new[] { "/proc/1", "/proc/self" })
        {
            var status = (await cri.ShellAsync(id, $"cat {process}/status")).Split('\n')
                .Select(line => line.Split(':', 2)).Where(fields => fields.Length == 2)
                .ToDictionary(fields => fields[0], fields => fields[1].Trim().Replace('\t', ' '));
            Check.Equal($"{process} Uid", "1000 1000 1000 1000", status["Uid"]);
            Check.Equal($"{process} Gid", "1000 1000 1000 1000", status["Gid"]);
            Check.Equal($"{process} Groups", "29 1000 2000", status["Groups"]);
            Check.Equal($"{process} CapEff", "0000000000000000", status["CapEff"]);
            Check.Equal($"{process} CapBnd", "0000000000000000", status["CapBnd"]);
            Check.Equal($"{process} NoNewPrivs", "1", status["NoNewPrivs"]);
            Check.Equal($"{process} Seccomp", "2", status["Seccomp"]);
        }
        var write = await cri.ExecAsync(id, "touch", "/written");
        Check.True(write.ExitCode != 0 && write.Stderr.Contains("Read-only file system", StringComparison.Ordinal),
            $"writing to the read-only root: exit {write.ExitCode}, stderr '{write.Stderr.Trim()}'");
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// A pod that shares its process namespace (its containers see the sandbox's pause as pid 1), and one in
    /// the host's network, pid and IPC namespaces (no CNI call, the host's namespaces inside).
    /// </summary>
    async Task SharedAndHostNamespaces()
    {
        var shared = await cri.RunPodAsync("namespaces", "shared-pid", config =>
            config.Linux.SecurityContext.NamespaceOptions.Pid = NamespaceMode.Pod);
        var sharing = await cri.RunContainerAsync(shared, "sharing", SleepLong);
        await cri.WaitForStateAsync(sharing, ContainerState.ContainerRunning, StateTimeout);
        Check.Equal("pid 1 in a pod sharing its pid namespace", "/bin/sleep infinity",
            await cri.ShellAsync(sharing, "tr '\\0' ' ' < /proc/1/cmdline"));
        await cri.StopAndRemovePodAsync(shared);

        var host = await cri.RunPodAsync("namespaces", "host-namespaces", config =>
        {
            var namespaces = config.Linux.SecurityContext.NamespaceOptions;
            namespaces.Network = namespaces.Pid = namespaces.Ipc = NamespaceMode.Node;
            config.Hostname = ""; // the host's UTS namespace comes with its network: a kubelet sends no hostname
        });
        Check.Equal("pod IP of a host-network pod", "", (await cri.PodStatusAsync(host)).Status.Network?.Ip ?? "");
        var onHost = await cri.RunContainerAsync(host, "on-host", SleepLong);
        await cri.WaitForStateAsync(onHost, ContainerState.ContainerRunning, StateTimeout);
        foreach (var type in new[] { "net", "pid", "ipc" })
            Check.Equal($"{type} namespace of a container in a host-namespaces pod", new FileInfo($"/proc/self/ns/{type}").LinkTarget,
                await cri.ShellAsync(onHost, $"readlink /proc/self/ns/{type}"));
        await cri.StopAndRemovePodAsync(host);
    }

    /// <summary>
    /// A container with a terminal, as a user: its stdin and stdout are a /dev/pts terminal that belongs to
    /// the user (the group stays the devpts's tty group, 5), and its output is logged.
    /// </summary>
    async Task Tty()
    {
        var pod = await cri.RunPodAsync("tty", "tty");
        var id = await cri.RunContainerAsync(pod, "terminal",
            ["sh", "-c", "test -t 0 && test -t 1 && echo \"tty=$(tty) owner=$(stat -c %u:%g $(tty))\""], config =>
            {
                config.Tty = true;
                config.Linux.SecurityContext.RunAsUser = new Int64Value { Value = 1000 };
            });
        var exited = await cri.WaitForStateAsync(id, ContainerState.ContainerExited, StateTimeout);
        Check.Equal("exit code", 0, exited.ExitCode);
        var output = LogText(pod, "terminal");
        Check.True(System.Text.RegularExpressions.Regex.IsMatch(output, @"^tty=/dev/pts/\d+ owner=1000:5\r?$"), $"log of the terminal: '{output}'");
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>A container over its memory limit is killed by the kernel: exit 137, reason OOMKilled.</summary>
    async Task OomKilled()
    {
        var pod = await cri.RunPodAsync("oom", "oom");
        var id = await cri.RunContainerAsync(pod, "hungry", ["sh", "-c", "x=$(head -c 268435456 /dev/zero | tr '\\0' x); echo survived"],
            config => config.Linux.Resources = new LinuxContainerResources { MemoryLimitInBytes = 16 * MiB });
        var exited = await cri.WaitForStateAsync(id, ContainerState.ContainerExited, StateTimeout);
        Check.Equal("exit code", 137, exited.ExitCode);
        Check.Equal("reason", "OOMKilled", exited.Reason);
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// Pod sysctls, safe (kernel.shm_rmid_forced) and unsafe ones of the network and IPC namespaces, have
    /// their values inside the pod's containers; the host's stay as they were.
    /// </summary>
    async Task PodSysctls()
    {
        var sysctls = new Dictionary<string, string>
        {
            ["kernel.shm_rmid_forced"] = "1",
            ["net.ipv4.ip_unprivileged_port_start"] = "0",
            ["fs.mqueue.msg_max"] = "12",
        };
        static string HostValue(string key) => File.ReadAllText($"/proc/sys/{key.Replace('.', '/')}").Trim();
        var hostBefore = sysctls.Keys.ToDictionary(key => key, HostValue);
        var pod = await cri.RunPodAsync("sysctls", "sysctls", config => config.Linux.Sysctls.Add(sysctls));
        var id = await cri.RunContainerAsync(pod, "reader", SleepLong);
        await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);
        foreach (var (key, value) in sysctls)
        {
            Check.Equal($"{key} in the container", value, await cri.ShellAsync(id, $"cat /proc/sys/{key.Replace('.', '/')}"));
            Check.Equal($"{key} on the host", hostBefore[key], HostValue(key));
        }
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// One container per propagation mode, each with a volume from the shared directory: a mount the host
    /// makes under the volume after the start reaches HostToContainer and Bidirectional containers, not a
    /// Private one; a mount a (privileged) container makes there reaches the host from Bidirectional only.
    /// </summary>
    async Task VolumePropagation()
    {
        (MountPropagation Mode, string Name, bool HostMountInside, bool ContainerMountOnHost)[] cases =
        [
            (MountPropagation.PropagationPrivate, "private", false, false),
            (MountPropagation.PropagationHostToContainer, "host-to-container", true, false),
            (MountPropagation.PropagationBidirectional, "bidirectional", true, true),
        ];
        var pod = await cri.RunPodAsync("volumes", "volumes", config => config.Linux.SecurityContext.Privileged = true);
        try
        {
            var containers = new List<string>();
            foreach (var (mode, name, _, _) in cases)
            {
                var source = Path.Combine(options.VolumesDir, name);
                Directory.CreateDirectory(Path.Combine(source, "from-host"));
                Directory.CreateDirectory(Path.Combine(source, "from-container"));
                var volume = new Mount { ContainerPath = "/mnt/volume", HostPath = source, Propagation = mode };
                containers.Add(await cri.RunContainerAsync(pod, name, SleepLong, config => config.Mounts.Add(volume)));
            }
            foreach (var id in containers) await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);

            var failures = new List<string>();
            foreach (var ((_, name, hostMountInside, _), id) in cases.Zip(containers))
            {
                var target = Path.Combine(options.VolumesDir, name, "from-host");
                HostSide.MountTmpfs(target);
                File.WriteAllText(Path.Combine(target, "marker"), "host");
                var seen = (await cri.ExecAsync(id, "test", "-e", "/mnt/volume/from-host/marker")).ExitCode == 0;
                if (seen != hostMountInside)
                    failures.Add($"{name}: the host's mount under the volume is {(seen ? "" : "not ")}seen in the container");
            }
            foreach (var ((_, name, _, containerMountOnHost), id) in cases.Zip(containers))
            {
                await cri.ShellAsync(id, "mount -t tmpfs -o size=1m ctr /mnt/volume/from-container && touch /mnt/volume/from-container/marker");
                var seen = File.Exists(Path.Combine(options.VolumesDir, name, "from-container", "marker"));
                if (seen != containerMountOnHost)
                    failures.Add($"{name}: the container's mount under the volume is {(seen ? "" : "not ")}seen on the host");
            }
            Check.True(failures.Count == 0, string.Join("\n", failures));
            await cri.StopAndRemovePodAsync(pod);
        }
        finally
        {
            HostSide.UnmountUnder(options.VolumesDir);
        }
    }

    /// <summary>
    /// StopContainer sends SIGTERM and waits the grace period: a process that ignores it is killed after the
    /// timeout (exit 137, not before the timeout), one that exits on it exits with its own status.
    /// </summary>
    async Task StopContainerGracePeriod()
    {
        const int GraceSeconds = 2;
        var pod = await cri.RunPodAsync("stop", "stop");
        var ignoring = await cri.RunContainerAsync(pod, "ignores-term",
            ["sh", "-c", "trap '' TERM; touch /tmp/ready; while :; do sleep 1; done"]);
        var exiting = await cri.RunContainerAsync(pod, "exits-on-term",
            ["sh", "-c", "trap 'exit 0' TERM; touch /tmp/ready; while :; do sleep 0.1; done"]);
        foreach (var id in new[] { ignoring, exiting })
            await Check.EventuallyAsync($"container {CriDriver.Short(id)} has set its trap", StateTimeout,
                async () => (await cri.ExecAsync(id, "test", "-e", "/tmp/ready")).ExitCode == 0);

        var stopRequested = DateTimeOffset.UtcNow;
        await Task.WhenAll(
            cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = ignoring, Timeout = GraceSeconds }, deadline: CriDriver.Deadline).ResponseAsync,
            cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = exiting, Timeout = 30 }, deadline: CriDriver.Deadline).ResponseAsync);
        var killed = await cri.StatusAsync(ignoring);
        Check.Equal("state of the container that ignores SIGTERM", ContainerState.ContainerExited, killed.State);
        Check.Equal("exit code of the container that ignores SIGTERM", 137, killed.ExitCode);
        var finished = DateTimeOffset.FromUnixTimeMilliseconds(killed.FinishedAt / 1_000_000);
        Check.True(finished >= stopRequested.AddSeconds(GraceSeconds).AddMilliseconds(-100),
            $"the container that ignores SIGTERM was killed {(finished - stopRequested).TotalSeconds:0.0} s after StopContainer, before its {GraceSeconds} s grace period");
        var stopped = await cri.StatusAsync(exiting);
        Check.Equal("state of the container that exits on SIGTERM", ContainerState.ContainerExited, stopped.State);
        Check.Equal("exit code of the container that exits on SIGTERM", 0, stopped.ExitCode);
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// Resources at creation and after UpdateContainerResources are in the container's cgroup v1 files on the
    /// host, and the container sees its own memory limit through its /sys/fs/cgroup.
    /// </summary>
    async Task UpdateContainerResources()
    {
        var pod = await cri.RunPodAsync("resources", "resources");
        var initial = new LinuxContainerResources { CpuShares = 512, CpuPeriod = 100000, CpuQuota = 20000, MemoryLimitInBytes = 64 * MiB };
        var id = await cri.RunContainerAsync(pod, "limited", SleepLong, config => config.Linux.Resources = initial);
        await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);
        ExpectCgroupResources("at creation", id, initial);

        var updated = new LinuxContainerResources { CpuShares = 256, CpuPeriod = 50000, CpuQuota = 25000, MemoryLimitInBytes = 128 * MiB };
        await cri.Runtime.UpdateContainerResourcesAsync(new UpdateContainerResourcesRequest { ContainerId = id, Linux = updated },
            deadline: CriDriver.Deadline);
        ExpectCgroupResources("after the update", id, updated);
        Check.Equal("memory.limit_in_bytes seen in the container", $"{updated.MemoryLimitInBytes}",
            await cri.ShellAsync(id, "cat /sys/fs/cgroup/memory/memory.limit_in_bytes"));
        await cri.StopAndRemovePodAsync(pod);
    }

    void ExpectCgroupResources(string when, string id, LinuxContainerResources expected)
    {
        string Read(string controller, string file) => HostSide.ReadCgroupFile(controller, options.CgroupParent, id, file);
        Check.Equal($"cpu.shares {when}", $"{expected.CpuShares}", Read("cpu", "cpu.shares"));
        Check.Equal($"cpu.cfs_period_us {when}", $"{expected.CpuPeriod}", Read("cpu", "cpu.cfs_period_us"));
        Check.Equal($"cpu.cfs_quota_us {when}", $"{expected.CpuQuota}", Read("cpu", "cpu.cfs_quota_us"));
        Check.Equal($"memory.limit_in_bytes {when}", $"{expected.MemoryLimitInBytes}", Read("memory", "memory.limit_in_bytes"));
    }

    /// <summary>ContainerStats of a busy container reports CPU time and memory in use.</summary>
    async Task ContainerStats()
    {
        var pod = await cri.RunPodAsync("stats", "stats");
        var id = await cri.RunContainerAsync(pod, "busy", ["sh", "-c", "while :; do :; done"]);
        await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);
        ContainerStats? stats = null;
        await Check.EventuallyAsync("ContainerStats with CPU and memory usage", TimeSpan.FromSeconds(15), async () =>
        {
            stats = (await cri.Runtime.ContainerStatsAsync(new ContainerStatsRequest { ContainerId = id }, deadline: CriDriver.Deadline)).Stats;
            return stats.Cpu?.UsageCoreNanoSeconds?.Value > 0 && stats.Memory?.WorkingSetBytes?.Value > 0;
        }, () => $"last: {stats}");
        Check.Equal("stats' container id", id, stats!.Attributes.Id);
        await cri.StopAndRemovePodAsync(pod);
    }

    /// <summary>
    /// ListPodSandbox and ListContainers with filters (label, pod, state) list what runs, before and after
    /// a pod is stopped and removed.
    /// </summary>
    async Task ListPodsAndContainers()
    {
        const string Scenario = "list";
        var first = await cri.RunPodAsync(Scenario, "list-first");
        var second = await cri.RunPodAsync(Scenario, "list-second");
        var running = await cri.RunContainerAsync(first, "running", SleepLong);
        var created = await cri.CreateContainerAsync(first, "created", SleepLong);
        var other = await cri.RunContainerAsync(second, "other", SleepLong);
        await cri.WaitForStateAsync(running, ContainerState.ContainerRunning, StateTimeout);
        await cri.WaitForStateAsync(other, ContainerState.ContainerRunning, StateTimeout);

        Check.Equal("pods with the scenario's label", Describe((first.Id, "list-first", PodSandboxState.SandboxReady),
                (second.Id, "list-second", PodSandboxState.SandboxReady)),
            Describe((await ListPodsAsync(Scenario)).Select(p => (p.Id, p.Metadata.Name, p.State))));
        Check.Equal("containers of the first pod", Describe((running, "running", ContainerState.ContainerRunning),
                (created, "created", ContainerState.ContainerCreated)),
            Describe((await ListContainersAsync(new ContainerFilter { PodSandboxId = first.Id })).Select(c => (c.Id, c.Metadata.Name, c.State))));
        var runningIds = (await ListContainersAsync(new ContainerFilter { State = new ContainerStateValue { State = ContainerState.ContainerRunning } }))
            .Select(c => c.Id).ToHashSet();
        Check.True(runningIds.Contains(running) && runningIds.Contains(other) && !runningIds.Contains(created),
            $"running containers: {string.Join(", ", runningIds.Select(CriDriver.Short))}");

        await cri.StopPodAsync(first);
        Check.Equal("first pod's state once stopped", PodSandboxState.SandboxNotready,
            (await ListPodsAsync(Scenario)).Single(p => p.Id == first.Id).State);
        Check.Equal("its running container's state", ContainerState.ContainerExited,
            (await ListContainersAsync(new ContainerFilter { Id = running })).Single().State);
        await cri.RemovePodAsync(first);
        Check.Equal("pods with the scenario's label once the first is removed", Describe((second.Id, "list-second", PodSandboxState.SandboxReady)),
            Describe((await ListPodsAsync(Scenario)).Select(p => (p.Id, p.Metadata.Name, p.State))));
        Check.Equal("containers of the removed pod", 0, (await ListContainersAsync(new ContainerFilter { PodSandboxId = first.Id })).Count);
        await cri.StopAndRemovePodAsync(second);
    }

    async Task<IReadOnlyList<PodSandbox>> ListPodsAsync(string scenario) =>
        (await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest
        {
            Filter = new PodSandboxFilter { LabelSelector = { [CriDriver.ScenarioLabel] = scenario } },
        }, deadline: CriDriver.Deadline)).Items;

    async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter filter) =>
        (await cri.Runtime.ListContainersAsync(new ListContainersRequest { Filter = filter }, deadline: CriDriver.Deadline)).Containers;

    static string Describe<T>(params IEnumerable<(string Id, string Name, T State)> items) =>
        string.Join(", ", items.OrderBy(item => item.Name, StringComparer.Ordinal).Select(item => $"{item.Name} {CriDriver.Short(item.Id)} {item.State}"));

    /// <summary>
    /// StopPodSandbox kills the pod's processes; RemovePodSandbox removes the pod, its containers, their
    /// runtime state, cgroups and mounts, and the pod's shim exits.
    /// </summary>
    async Task StopAndRemovePod()
    {
        var pod = await cri.RunPodAsync("remove", "remove");
        var id = await cri.RunContainerAsync(pod, "sleeper", SleepLong);
        await cri.WaitForStateAsync(id, ContainerState.ContainerRunning, StateTimeout);
        var pids = new[] { await cri.PidAsync(pod), await cri.PidAsync(id) };

        await cri.StopPodAsync(pod);
        Check.Equal("pod state once stopped", PodSandboxState.SandboxNotready, (await cri.PodStatusAsync(pod)).Status.State);
        Check.Equal("container state once the pod is stopped", ContainerState.ContainerExited, (await cri.StatusAsync(id)).State);
        foreach (var pid in pids) Check.True(!Directory.Exists($"/proc/{pid}"), $"process {pid} outlived StopPodSandbox");

        await cri.RemovePodAsync(pod);
        await ExpectNotFound("PodSandboxStatus of the removed pod", () => cri.PodStatusAsync(pod));
        await ExpectNotFound("ContainerStatus of the removed pod's container", () => cri.StatusAsync(id));
        ExpectNoTraces([pod.Id, id]);
        await ExpectNoShimsAsync($"-id {pod.Id}");
    }

    static async Task ExpectNotFound<T>(string what, Func<Task<T>> call)
    {
        try
        {
            await call();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return;
        }
        throw new ScenarioFailure($"{what}: found, expected NotFound");
    }

    /// <summary>After every scenario: no pod, container, runtime state, cgroup, mount or shim of this run left.</summary>
    async Task NothingLeftBehind()
    {
        var pods = (await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), deadline: CriDriver.Deadline)).Items;
        Check.Equal("pods listed", "", string.Join(", ", pods.Select(p => $"{p.Metadata.Name} {CriDriver.Short(p.Id)}")));
        var containers = await ListContainersAsync(new ContainerFilter());
        Check.Equal("containers listed", "", string.Join(", ", containers.Select(c => $"{c.Metadata.Name} {CriDriver.Short(c.Id)}")));
        ExpectNoTraces(cri.KnownIds);
        var cgroups = HostSide.CgroupsUnder(options.CgroupParent).ToList();
        Check.True(cgroups.Count == 0, $"cgroups left: {string.Join(", ", cgroups)}");
        await ExpectNoShimsAsync();
    }

    /// <summary>No runtime state directory, cgroup or mount point names any of IDS.</summary>
    void ExpectNoTraces(IEnumerable<string> ids)
    {
        var leftovers = new List<string>();
        var states = Directory.Exists(options.RuntimeRoot) ? Directory.GetFileSystemEntries(options.RuntimeRoot) : [];
        var mounts = HostSide.MountPoints().ToList();
        foreach (var id in ids)
        {
            leftovers.AddRange(states.Where(state => Path.GetFileName(state) == id).Select(state => $"runtime state {state}"));
            leftovers.AddRange(Directory.EnumerateDirectories("/sys/fs/cgroup")
                .Select(hierarchy => HostSide.CgroupDir(Path.GetFileName(hierarchy), options.CgroupParent, id))
                .Where(Directory.Exists).Select(dir => $"cgroup {dir}"));
            leftovers.AddRange(mounts.Where(mount => mount.Contains(id, StringComparison.Ordinal)).Select(mount => $"mount {mount}"));
        }
        Check.True(leftovers.Count == 0, $"left behind: {string.Join(", ", leftovers)}");
    }

    /// <summary>The shims of this containerd (whose command line has its socket and every one of PARTS) exit.</summary>
    async Task ExpectNoShimsAsync(params string[] parts)
    {
        string[] match = ["containerd-shim", $"-address {options.Socket}", .. parts];
        await Check.EventuallyAsync("shims exit", TimeSpan.FromSeconds(10), () => Task.FromResult(!HostSide.ProcessesMatching(match).Any()),
            () => string.Join("; ", HostSide.ProcessesMatching(match).Select(p => $"{p.Pid}: {p.CommandLine}")));
    }
}
