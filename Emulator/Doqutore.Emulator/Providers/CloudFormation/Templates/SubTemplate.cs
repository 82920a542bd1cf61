using System.Text;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>
/// The <c>Fn::Sub</c> string syntax: <c>${Name}</c> and <c>${Resource.Attribute}</c> are replaced, <c>${!Literal}</c>
/// is written as <c>${Literal}</c>.
/// </summary>
internal static class SubTemplate
{
    public static string Replace(string text, Func<string, string> value)
    {
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start);
            if (start < 0 || end < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, start - i);
            var name = text[(start + 2)..end];
            result.Append(name.StartsWith('!') ? "${" + name[1..] + "}" : value(name.Trim()));
            i = end + 1;
        }

        return result.ToString();
    }

    /// <summary>The variables a <c>Fn::Sub</c> string names (literals excluded).</summary>
    public static IEnumerable<string> Variables(string text)
    {
        var names = new List<string>();
        Replace(text, name =>
        {
            names.Add(name);
            return string.Empty;
        });
        return names;
    }
}
