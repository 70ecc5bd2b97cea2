namespace OciRuntime.Spec.Validation;

internal static class MountValidator
{
    public static void Validate(List<Mount>? mounts, bool hasUserNamespace, ConfigCheck check)
    {
        for (var i = 0; i < (mounts?.Count ?? 0); i++)
        {
            var mount = mounts![i];
            var path = SpecPath.Index("mounts", i);
            var destinationPath = SpecPath.Property(path, "destination");
            if (mount.Destination.Length == 0) throw check.Fail(destinationPath, "must be set");
            // runc 1.1 still accepts a relative destination (deprecated) and resolves it against the rootfs.
            if (!mount.Destination.StartsWith('/'))
                check.Warn(destinationPath, $"\"{mount.Destination}\" is not absolute; using it relative to /");
            check.RejectNul(destinationPath, mount.Destination);
            check.RejectNul(SpecPath.Property(path, "source"), mount.Source);
            check.RejectNul(SpecPath.Property(path, "type"), mount.Type);
            ValidateIdMappings(mount, path, hasUserNamespace, check);
        }
    }

    /// <summary>
    /// An id-mapped mount is a bind with idmap, ridmap or mappings of its own (which imply idmap, as in runc 1.2);
    /// without mappings of its own it takes the container's user namespace's.
    /// </summary>
    private static void ValidateIdMappings(Mount mount, string path, bool hasUserNamespace, ConfigCheck check)
    {
        var isBind = mount.Type == "bind" || (mount.Options ?? []).Any(option => option is "bind" or "rbind");
        var idMap = (mount.Options ?? []).FirstOrDefault(option => option is "idmap" or "ridmap");
        if (idMap != null && !isBind) throw check.Fail(path, $"{idMap} is only supported for bind mounts");
        if (mount.UidMappings == null && mount.GidMappings == null)
        {
            if (idMap != null && !hasUserNamespace)
                throw check.Fail(path, $"{idMap} without uidMappings and gidMappings needs a user namespace in linux.namespaces to take them from");
            return;
        }
        if (mount.UidMappings is not { Count: > 0 } || mount.GidMappings is not { Count: > 0 })
            throw check.Fail(path, "uidMappings and gidMappings must be given together");
        if (!isBind) throw check.Fail(path, "uidMappings and gidMappings are only supported for bind mounts");
        LinuxValidator.ValidateIdMappings(mount.UidMappings, SpecPath.Property(path, "uidMappings"), check);
        LinuxValidator.ValidateIdMappings(mount.GidMappings, SpecPath.Property(path, "gidMappings"), check);
    }
}
