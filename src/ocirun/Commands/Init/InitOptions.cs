namespace Ocirun.Commands;

/// <summary>
/// The hidden <c>ocirun init</c>: the container's first process re-executed from ocirun's own binary inside the
/// new namespaces (see shared/design/process-model.md). Everything it needs comes over inherited file
/// descriptors, not flags.
/// </summary>
internal sealed class InitOptions;
