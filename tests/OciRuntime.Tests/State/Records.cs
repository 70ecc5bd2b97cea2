using OciRuntime.Container.State;

namespace OciRuntime.Tests.State;

internal static class Records
{
    public static ContainerRecord New(string id, string bundle = "/bundles/demo") => new()
    {
        Id = id,
        Bundle = bundle,
        Rootfs = bundle + "/rootfs",
        Created = new DateTime(2026, 11, 23, 12, 17, 41, DateTimeKind.Utc).AddTicks(787190),
        Owner = "root",
    };
}
