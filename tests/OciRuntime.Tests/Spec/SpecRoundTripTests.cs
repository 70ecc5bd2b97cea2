using System.Collections;
using System.Text.Json.Serialization.Metadata;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

public class SpecRoundTripTests
{
    internal static string RichConfig => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Snapshots", "spec-rich.json"));

    [Fact]
    public void Rich_config_round_trips_byte_identically()
    {
        var json = RichConfig;

        Assert.Equal(json, SpecSerializer.Serialize(SpecSerializer.Deserialize(json)));
    }

    [Fact]
    public void Rich_config_sets_every_model_property_and_every_extension_point()
    {
        // Keeps the round-trip test honest: a property added to the model but not to spec-rich.json fails here.
        var unset = Unset(SpecSerializer.Deserialize(RichConfig), SpecJsonContext.Default.RuntimeSpec, "");

        Assert.Empty(unset);
    }

    [Fact]
    public void Rich_config_keeps_values_at_their_go_widths()
    {
        var spec = SpecSerializer.Deserialize(RichConfig);

        Assert.Equal(ulong.MaxValue, spec.Process!.Rlimits![1].Hard);
        Assert.Equal(-1, spec.Linux!.Resources!.Memory!.Swap);
        Assert.Equal(-3600, spec.Linux.TimeOffsets!["boottime"].Secs);
        Assert.Equal(438u, spec.Linux.Devices![0].FileMode);
    }

    /// <summary>Paths of null properties; an array element or map value counts as set if any element sets it.</summary>
    private static HashSet<string> Unset(object value, JsonTypeInfo info, string path)
    {
        var unset = new HashSet<string>();
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    var child = property.Get!(value);
                    var childPath = path + "." + property.Name;
                    if (child == null) unset.Add(property.IsExtensionData ? path + " (extension data)" : childPath);
                    else if (!property.IsExtensionData) unset.UnionWith(Unset(child, info.Options.GetTypeInfo(property.PropertyType), childPath));
                }
                break;
            case JsonTypeInfoKind.Enumerable:
                unset.UnionWith(UnsetInAll(((IEnumerable)value).Cast<object>(), info, path + "[]"));
                break;
            case JsonTypeInfoKind.Dictionary:
                unset.UnionWith(UnsetInAll(((IDictionary)value).Values.Cast<object>(), info, path + "{}"));
                break;
        }
        return unset;
    }

    private static IEnumerable<string> UnsetInAll(IEnumerable<object> elements, JsonTypeInfo info, string path)
    {
        var elementInfo = info.Options.GetTypeInfo(info.ElementType!);
        return elements.Select(element => Unset(element, elementInfo, path))
            .Aggregate((HashSet<string>?)null, (all, next) => all == null ? next : [.. all.Intersect(next)]) ?? [];
    }
}
