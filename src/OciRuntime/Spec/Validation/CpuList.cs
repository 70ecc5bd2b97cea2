namespace OciRuntime.Spec.Validation;

/// <summary>The kernel's list format for CPUs and memory nodes: <c>0-3,7</c>.</summary>
internal static class CpuList
{
    public static bool IsValid(string text)
    {
        if (text.Length == 0) return false;
        foreach (var item in text.Split(','))
        {
            var bounds = item.Split('-');
            if (bounds.Length > 2 || !bounds.All(IsNumber)) return false;
            if (bounds.Length == 2 && uint.Parse(bounds[0]) > uint.Parse(bounds[1])) return false;
        }
        return true;
    }

    private static bool IsNumber(string text) => text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit);
}
