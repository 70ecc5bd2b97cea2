namespace OciRuntime.Spec.Reading;

/// <summary>config.json's top level, its root, mounts and hooks.</summary>
internal static class RuntimeSpecReader
{
    public static RuntimeSpec RuntimeSpec(ref SpecReader r)
    {
        var spec = new RuntimeSpec();
        while (r.NextProperty())
        {
            if (r.Is("ociVersion")) spec.OciVersion = r.String();
            else if (r.Is("process")) spec.Process = r.Object(ProcessReader.Process);
            else if (r.Is("root")) spec.Root = r.Object(Root);
            else if (r.Is("hostname")) spec.Hostname = r.OptionalString();
            else if (r.Is("domainname")) spec.Domainname = r.OptionalString();
            else if (r.Is("mounts")) spec.Mounts = r.Objects(Mount);
            else if (r.Is("hooks")) spec.Hooks = r.Object(Hooks);
            else if (r.Is("annotations")) spec.Annotations = r.StringMap();
            else if (r.Is("linux")) spec.Linux = r.Object(LinuxReader.Linux);
            else spec.ExtensionData = r.Extension(spec.ExtensionData);
        }
        return spec;
    }

    private static Root Root(ref SpecReader r)
    {
        var root = new Root();
        while (r.NextProperty())
        {
            if (r.Is("path")) root.Path = r.String();
            else if (r.Is("readonly")) root.Readonly = r.OptionalBoolean();
            else r.Skip();
        }
        return root;
    }

    private static Mount Mount(ref SpecReader r)
    {
        var mount = new Mount();
        while (r.NextProperty())
        {
            if (r.Is("destination")) mount.Destination = r.String();
            else if (r.Is("type")) mount.Type = r.OptionalString();
            else if (r.Is("source")) mount.Source = r.OptionalString();
            else if (r.Is("options")) mount.Options = r.Strings();
            else if (r.Is("uidMappings")) mount.UidMappings = r.Objects(LinuxReader.IdMapping);
            else if (r.Is("gidMappings")) mount.GidMappings = r.Objects(LinuxReader.IdMapping);
            else mount.ExtensionData = r.Extension(mount.ExtensionData);
        }
        return mount;
    }

    public static Hooks Hooks(ref SpecReader r)
    {
        var hooks = new Hooks();
        while (r.NextProperty())
        {
            if (r.Is("prestart")) hooks.Prestart = r.Objects(Hook);
            else if (r.Is("createRuntime")) hooks.CreateRuntime = r.Objects(Hook);
            else if (r.Is("createContainer")) hooks.CreateContainer = r.Objects(Hook);
            else if (r.Is("startContainer")) hooks.StartContainer = r.Objects(Hook);
            else if (r.Is("poststart")) hooks.Poststart = r.Objects(Hook);
            else if (r.Is("poststop")) hooks.Poststop = r.Objects(Hook);
            else r.Skip();
        }
        return hooks;
    }

    private static Hook Hook(ref SpecReader r)
    {
        var hook = new Hook();
        while (r.NextProperty())
        {
            if (r.Is("path")) hook.Path = r.String();
            else if (r.Is("args")) hook.Args = r.Strings();
            else if (r.Is("env")) hook.Env = r.Strings();
            else if (r.Is("timeout")) hook.Timeout = r.OptionalInt32();
            else r.Skip();
        }
        return hook;
    }
}
