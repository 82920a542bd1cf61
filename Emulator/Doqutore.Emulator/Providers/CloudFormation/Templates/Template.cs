using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>
/// A parsed template: its sections as JSON trees. JSON and YAML bodies read to the same tree (YAML short-form tags
/// become their <c>Fn::</c> long forms, <see cref="TemplateYaml"/>).
/// </summary>
public sealed class Template
{
    private static readonly string[] KnownSections =
        ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Hooks"];

    private Template(string body, JsonObject root)
    {
        Body = body;
        Root = root;
    }

    public string Body { get; }

    public JsonObject Root { get; }

    public string? Description => Root["Description"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string?)v : null;

    public JsonObject Parameters => Section("Parameters");

    public JsonObject Mappings => Section("Mappings");

    public JsonObject Conditions => Section("Conditions");

    public JsonObject Rules => Section("Rules");

    public JsonObject Resources => Section("Resources");

    public JsonObject Outputs => Section("Outputs");

    /// <summary>Parses a template body (JSON when it starts with <c>{</c>, else YAML); a malformed one is a template format error.</summary>
    public static Template Parse(string body)
    {
        JsonNode? root;
        try
        {
            root = body.TrimStart().StartsWith('{') ? JsonNode.Parse(body) : TemplateYaml.Parse(body);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new TemplateException(body.TrimStart().StartsWith('{') ? "Template format error: JSON not well-formed." : $"Template format error: YAML not well-formed. {e.Message}");
        }

        if (root is not JsonObject obj)
        {
            throw new TemplateException("Template format error: not a valid template");
        }

        foreach (var (name, _) in obj)
        {
            if (!KnownSections.Contains(name))
            {
                throw new TemplateException($"Template format error: Invalid template property or properties [{name}]");
            }
        }

        if (obj["Resources"] is not JsonObject resources || resources.Count == 0)
        {
            throw new TemplateException("Template format error: At least one Resources member must be defined.");
        }

        foreach (var (logicalId, resource) in resources)
        {
            if (resource is not JsonObject r || r["Type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
            {
                throw new TemplateException($"Template format error: [/Resources/{logicalId}] Every Resources object must contain a Type member.");
            }
        }

        return new Template(body, obj);
    }

    private JsonObject Section(string name) => Root[name] as JsonObject ?? [];
}
