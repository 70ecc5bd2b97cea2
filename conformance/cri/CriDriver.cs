using System.Net.Sockets;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using OciRuntime.Conformance.Cri.V1;

namespace OciRuntime.Conformance.Cri;

/// <summary>A pod the driver made: its id, the config it was run with (CreateContainer sends it again).</summary>
sealed record Pod(string Id, PodSandboxConfig Config)
{
    public string LogDirectory => Config.LogDirectory;
}

/// <summary>
/// The CRI calls the scenarios make, as a kubelet makes them, over gRPC (HTTP/2 without TLS) on containerd's
/// unix socket. Every pod it runs is remembered, so that <see cref="RemoveLeftoverPodsAsync"/> can stop and
/// remove what a failed scenario left, and every id goes to the ids file, so that the script can remove the
/// shim sockets of a run that was interrupted.
/// </summary>
sealed class CriDriver : IDisposable
{
    static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    public const string PodNamespace = "ocirun-cri-e2e";
    public const string ScenarioLabel = "ocirun-cri-e2e/scenario";

    readonly GrpcChannel _channel;
    readonly Options _options;
    readonly List<Pod> _pods = [];
    readonly HashSet<string> _ids = [];

    public RuntimeService.RuntimeServiceClient Runtime { get; }
    public ImageService.ImageServiceClient Images { get; }

    public CriDriver(Options options)
    {
        _options = options;
        var handler = new SocketsHttpHandler { ConnectCallback = (_, cancel) => ConnectAsync(options.Socket, cancel) };
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        var invoker = _channel.Intercept(new CallNames());
        Runtime = new RuntimeService.RuntimeServiceClient(invoker);
        Images = new ImageService.ImageServiceClient(invoker);
    }

    static async ValueTask<Stream> ConnectAsync(string path, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Every call's deadline: a hung containerd or runtime fails the scenario instead of the run.</summary>
    public static DateTime Deadline => DateTime.UtcNow + CallTimeout;

    /// <summary>
    /// Runs a pod named NAME (label <see cref="ScenarioLabel"/> = SCENARIO) with its own pid namespace (as a
    /// kubelet asks without shareProcessNamespace), its cgroup under the run's parent and its logs under the
    /// work directory; CONFIGURE adds what the scenario needs (sysctls, privileged).
    /// </summary>
    public async Task<Pod> RunPodAsync(string scenario, string name, Action<PodSandboxConfig>? configure = null)
    {
        var uid = Guid.NewGuid().ToString();
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Uid = uid, Namespace = PodNamespace },
            Hostname = name,
            LogDirectory = Path.Combine(_options.WorkDir, "pod-logs", $"{name}_{uid}"),
            Labels = { [ScenarioLabel] = scenario },
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = _options.CgroupParent,
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                },
            },
        };
        configure?.Invoke(config);
        Directory.CreateDirectory(config.LogDirectory);
        var response = await Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config }, deadline: Deadline);
        var pod = new Pod(response.PodSandboxId, config);
        _pods.Add(pod);
        RecordId(pod.Id);
        return pod;
    }

    /// <summary>Creates container NAME in POD running COMMAND from the busybox image, logging to NAME.log.</summary>
    public async Task<string> CreateContainerAsync(Pod pod, string name, string[] command, Action<ContainerConfig>? configure = null)
    {
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name },
            Image = new ImageSpec { Image = _options.Image },
            Command = { command },
            LogPath = $"{name}.log",
            Linux = new LinuxContainerConfig
            {
                SecurityContext = new LinuxContainerSecurityContext
                {
                    NamespaceOptions = pod.Config.Linux.SecurityContext.NamespaceOptions.Clone(),
                    Privileged = pod.Config.Linux.SecurityContext.Privileged,
                },
            },
        };
        configure?.Invoke(config);
        var request = new CreateContainerRequest { PodSandboxId = pod.Id, Config = config, SandboxConfig = pod.Config };
        var response = await Runtime.CreateContainerAsync(request, deadline: Deadline);
        RecordId(response.ContainerId);
        return response.ContainerId;
    }

    public async Task<string> RunContainerAsync(Pod pod, string name, string[] command, Action<ContainerConfig>? configure = null)
    {
        var id = await CreateContainerAsync(pod, name, command, configure);
        await Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = id }, deadline: Deadline);
        return id;
    }

    public async Task<ContainerStatus> StatusAsync(string containerId) =>
        (await Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId }, deadline: Deadline)).Status;

    /// <summary>The container's init process as the host sees it (ContainerStatus's verbose info).</summary>
    public async Task<int> PidAsync(string containerId)
    {
        var response = await Runtime.ContainerStatusAsync(
            new ContainerStatusRequest { ContainerId = containerId, Verbose = true }, deadline: Deadline);
        return PidOf(response.Info, $"container {Short(containerId)}");
    }

    /// <summary>The pod's sandbox process as the host sees it (PodSandboxStatus's verbose info).</summary>
    public async Task<int> PidAsync(Pod pod) => PidOf((await PodStatusAsync(pod, verbose: true)).Info, $"pod {Short(pod.Id)}");

    static int PidOf(IDictionary<string, string> verboseInfo, string what)
    {
        Check.True(verboseInfo.TryGetValue("info", out var info), $"{what}: no verbose info");
        using var document = JsonDocument.Parse(info!);
        return document.RootElement.GetProperty("pid").GetInt32();
    }

    public async Task<ContainerStatus> WaitForStateAsync(string containerId, ContainerState state, TimeSpan timeout)
    {
        ContainerStatus status = await StatusAsync(containerId);
        await Check.EventuallyAsync($"container {Short(containerId)} {state} (is {status.State})", timeout, async () =>
        {
            status = await StatusAsync(containerId);
            return status.State == state;
        });
        return status;
    }

    /// <summary>ExecSync: COMMAND's stdout, stderr and exit code.</summary>
    public async Task<ExecResult> ExecAsync(string containerId, params string[] command)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Cmd = { command }, Timeout = 30 };
        var response = await Runtime.ExecSyncAsync(request, deadline: Deadline);
        return new ExecResult(response.Stdout.ToStringUtf8(), response.Stderr.ToStringUtf8(), response.ExitCode);
    }

    /// <summary>ExecSync of `sh -c SCRIPT` that must succeed: its stdout, trimmed.</summary>
    public async Task<string> ShellAsync(string containerId, string script)
    {
        var result = await ExecAsync(containerId, "sh", "-c", script);
        Check.True(result.ExitCode == 0, $"exec '{script}' in {Short(containerId)}: exit {result.ExitCode}, stderr '{result.Stderr.Trim()}'");
        return result.Stdout.Trim();
    }

    public async Task<PodSandboxStatusResponse> PodStatusAsync(Pod pod, bool verbose = false) =>
        await Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = pod.Id, Verbose = verbose }, deadline: Deadline);

    public async Task StopPodAsync(Pod pod) =>
        await Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = pod.Id }, deadline: Deadline);

    public async Task RemovePodAsync(Pod pod)
    {
        await Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = pod.Id }, deadline: Deadline);
        _pods.Remove(pod);
    }

    public async Task StopAndRemovePodAsync(Pod pod)
    {
        await StopPodAsync(pod);
        await RemovePodAsync(pod);
    }

    /// <summary>Stops and removes the pods a scenario did not (it failed half-way); errors are reported, not thrown.</summary>
    public async Task<IReadOnlyList<string>> RemoveLeftoverPodsAsync()
    {
        var errors = new List<string>();
        foreach (var pod in _pods.ToList())
        {
            try
            {
                await StopAndRemovePodAsync(pod);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                _pods.Remove(pod);
            }
            catch (RpcException e)
            {
                errors.Add($"removing pod {Short(pod.Id)}: {e.Status.Detail}");
            }
        }
        return errors;
    }

    /// <summary>Every pod and container id made in this run.</summary>
    public IReadOnlyCollection<string> KnownIds => _ids;

    void RecordId(string id)
    {
        _ids.Add(id);
        File.AppendAllText(_options.IdsFile, id + "\n");
    }

    public static string Short(string id) => id.Length > 12 ? id[..12] : id;

    public void Dispose() => _channel.Dispose();
}

sealed record ExecResult(string Stdout, string Stderr, int ExitCode);
