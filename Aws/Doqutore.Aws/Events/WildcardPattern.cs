using System.Text;

namespace Doqutore.Aws.Events;

/// <summary>
/// A wildcard value: <c>*</c> matches any run of characters (including none); <c>\*</c> is a literal star and
/// <c>\\</c> a literal backslash; a backslash before anything else, and two consecutive unescaped stars, are
/// invalid. Error positions count in the value as event-ruler sees it, wrapped in double quotes (so the first
/// character of the value is at pos 1). [guess: the exact pos reported]
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string[] _segments; // literal runs between stars
    private readonly bool _leadingStar;
    private readonly bool _trailingStar;

    private WildcardPattern(string[] segments, bool leadingStar, bool trailingStar)
    {
        _segments = segments;
        _leadingStar = leadingStar;
        _trailingStar = trailingStar;
    }

    /// <summary>Parses; returns null and the event-ruler reason when the value is invalid.</summary>
    public static WildcardPattern? TryParse(string value, out string? error)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var leading = false;
        var trailing = false;
        var lastWasStar = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '*')
            {
                if (lastWasStar)
                {
                    error = $"Consecutive wildcard characters at pos {i + 1}";
                    return null;
                }
                if (i == 0)
                {
                    leading = true;
                }
                else
                {
                    segments.Add(current.ToString());
                    current.Clear();
                }
                lastWasStar = true;
                trailing = i == value.Length - 1;
                continue;
            }
            lastWasStar = false;
            if (c == '\\')
            {
                if (i + 1 < value.Length && value[i + 1] is '*' or '\\')
                {
                    current.Append(value[++i]);
                    continue;
                }
                error = $"Invalid escape character at pos {i + 1}";
                return null;
            }
            current.Append(c);
        }
        if (!trailing)
        {
            segments.Add(current.ToString());
        }
        error = null;
        return new WildcardPattern([.. segments], leading, trailing);
    }

    public bool Matches(string s)
    {
        // segments[0] is anchored at the start unless the value began with '*'; the last one is anchored at the end
        // unless it ended with '*'; the ones between are found left to right, which is optimal for '*' only.
        var position = 0;
        var first = 0;
        var last = _segments.Length - 1;
        if (!_leadingStar)
        {
            if (_segments.Length == 0 || !s.StartsWith(_segments[0], StringComparison.Ordinal))
            {
                return _segments.Length == 0 && s.Length == 0;
            }
            if (_segments.Length == 1 && !_trailingStar)
            {
                return s.Length == _segments[0].Length;
            }
            position = _segments[0].Length;
            first = 1;
        }
        var lastAnchored = !_trailingStar && last >= first;
        var end = s.Length;
        if (lastAnchored)
        {
            if (!s.EndsWith(_segments[last], StringComparison.Ordinal) || s.Length - _segments[last].Length < position)
            {
                return false;
            }
            end = s.Length - _segments[last].Length;
            last--;
        }
        for (var i = first; i <= last; i++)
        {
            var found = s.AsSpan(position, end - position).IndexOf(_segments[i], StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            position += found + _segments[i].Length;
        }
        return true;
    }
}
