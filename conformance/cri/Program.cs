// The CRI test client of conformance/cri-e2e.sh: runs the scenarios against containerd's CRI plugin and
// prints one TAP line each (`ok N - name` / `not ok N - name` with `  # ` diagnostics); exits 1 when any failed.
using System.Diagnostics;
using Grpc.Core;
using OciRuntime.Conformance.Cri;

if (Options.Parse(args) is not { } options)
{
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

using var cri = new CriDriver(options);
var scenarios = new Scenarios(cri, options).All;
var clock = Stopwatch.StartNew();
var failed = 0;
for (var n = 1; n <= scenarios.Count; n++)
{
    var (name, run) = scenarios[n - 1];
    var diagnostics = new List<string>();
    try
    {
        await run();
    }
    catch (ScenarioFailure e)
    {
        diagnostics.Add(e.Message);
    }
    catch (RpcException e)
    {
        diagnostics.Add($"CRI call failed: {e.StatusCode}: {e.Status.Detail}");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Text.Json.JsonException)
    {
        diagnostics.Add($"{e.GetType().Name}: {e.Message}");
    }
    diagnostics.AddRange(await cri.RemoveLeftoverPodsAsync());
    if (diagnostics.Count == 0)
    {
        Console.WriteLine($"ok {n} - {name}");
        continue;
    }
    failed++;
    Console.WriteLine($"not ok {n} - {name}");
    foreach (var line in diagnostics.SelectMany(d => d.Split('\n'))) Console.WriteLine($"  # {line}");
}
Console.WriteLine($"1..{scenarios.Count}");
Console.WriteLine($"cri-e2e: {scenarios.Count - failed} passed, {failed} failed in {clock.Elapsed.TotalSeconds:0} s");
return failed == 0 ? 0 : 1;
