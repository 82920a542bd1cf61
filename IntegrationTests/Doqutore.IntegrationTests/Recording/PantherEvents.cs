using System.Text.Json.Nodes;

namespace Doqutore.IntegrationTests.Recording;

/// <summary>
/// The CloudTrail events of Panther's detection tests in <c>../shared/testdata/cloudtrail/panther</c> (see its
/// README); absent in a clone without shared/, in which case their tests skip.
/// </summary>
public static class PantherEvents
{
    public const string SkipReason = "shared/testdata/cloudtrail/panther not found beside the repository (../shared).";

    private static readonly Lazy<string?> Folder = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "..", "shared", "testdata", "cloudtrail", "panther");
        return Directory.Exists(folder) ? Path.GetFullPath(folder) : null;
    });

    public static bool Available => Folder.Value is not null;

    /// <summary>Every case (or those whose event <paramref name="where"/> accepts) as "file / case name", for theories (one placeholder row when none).</summary>
    public static TheoryData<string> CaseNames(Func<JsonObject, bool>? where = null)
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All().Where(c => where is null || where(c.Event)))
        {
            data.Add(name);
        }

        if (data.Count == 0)
        {
            data.Add("(testdata absent)");
        }

        return data;
    }

    public static JsonObject Event(string caseName) => All().Single(c => c.Name == caseName).Event;

    public static IEnumerable<(string Name, JsonObject Event)> All()
    {
        if (Folder.Value is not { } folder)
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var rule = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var testCase in rule["cases"]!.AsArray())
            {
                yield return ($"{Path.GetFileNameWithoutExtension(file)} / {(string)testCase!["name"]!}", testCase["event"]!.AsObject());
            }
        }
    }
}
