namespace Ocirun.Logging;

/// <summary>The <c>--log-format</c> values: logrus's text and JSON formatters, as runc writes them.</summary>
internal enum LogFormat { Text, Json }
