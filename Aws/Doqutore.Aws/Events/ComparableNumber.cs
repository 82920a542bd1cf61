using System.Globalization;

namespace Doqutore.Aws.Events;

/// <summary>
/// Numeric matching as event-ruler's (pre-1.8) ComparableNumber, which EventBridge documents: values from −5.0e9 to
/// +5.0e9, with 6 decimal places of precision (the value times 10^6, truncated to an integer). Event values outside
/// the range never match a numeric condition; pattern values outside it are invalid.
/// </summary>
internal static class ComparableNumber
{
    public const double Limit = 5.0e9;

    /// <summary>event-ruler's IllegalArgumentException text (not a parser error: no location). [guess]</summary>
    public const string OutOfRangeMessage = "Value must be between -5.0E9 and 5.0E9, inclusive";

    public static bool InRange(double value) => value is >= -Limit and <= Limit;

    public static long From(double value) => (long)(value * 1e6);

    public static long? FromEventText(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && InRange(value)
            ? From(value)
            : null;
}
