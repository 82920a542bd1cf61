using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>UpdateFunctionConfiguration: new environments start with the new configuration; running ones finish theirs.</summary>
internal sealed partial class LambdaProvider
{
    public JsonObject UpdateFunctionConfiguration(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        lock (function.Gate)
        {
            CheckRevision(function, input);
            var config = FunctionSettings.Apply(function.Config, input);
            FunctionSettings.CheckPackageSettings(config);
            if (config.Role != function.Config.Role)
            {
                CheckRole(config);
            }

            CheckDeadLetterPermission(config);
            function.Config = config with { RevisionId = NewRevisionId(), LastModified = clock.GetUtcNow(), TransientStatus = "InProgress" };
            store.Save(function);
            return function.Config.ToJson(transient: true);
        }
    }
}
