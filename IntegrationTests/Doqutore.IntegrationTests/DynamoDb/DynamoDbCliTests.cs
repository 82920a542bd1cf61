using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>Debian's AWS CLI <c>dynamodb</c> commands against the emulator.</summary>
[Collection(EmulatorCollection.Name)]
public class DynamoDbCliTests(EmulatorFixture emulator)
{
    [SkippableFact]
    public void The_CLI_creates_a_table_writes_queries_and_deletes()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var name = AwsCli.Unique("cli");

        cli.Json("dynamodb", "create-table", "--table-name", name, "--billing-mode", "PAY_PER_REQUEST",
            "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=N",
            "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE");
        cli.Ok("dynamodb", "wait", "table-exists", "--table-name", name);
        cli.Ok("dynamodb", "put-item", "--table-name", name, "--item", "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},\"v\":{\"S\":\"two\"}}");
        cli.Ok("dynamodb", "put-item", "--table-name", name, "--item", "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"10\"},\"v\":{\"S\":\"ten\"}}");
        var updated = cli.Json("dynamodb", "update-item", "--table-name", name, "--key", "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}",
            "--update-expression", "SET v = :v", "--expression-attribute-values", "{\":v\":{\"S\":\"deux\"}}", "--return-values", "UPDATED_NEW");
        var queried = cli.Json("dynamodb", "query", "--table-name", name, "--key-condition-expression", "pk = :p",
            "--expression-attribute-values", "{\":p\":{\"S\":\"a\"}}");
        var scanned = cli.Json("dynamodb", "scan", "--table-name", name, "--select", "COUNT");
        cli.Ok("dynamodb", "delete-table", "--table-name", name);

        Assert.Equal("deux", (string?)updated["Attributes"]!["v"]!["S"]);
        Assert.Equal(["2", "10"], queried["Items"]!.AsArray().Select(i => (string?)i!["sk"]!["N"]));
        Assert.Equal(2, (int)scanned["Count"]!);
        Assert.DoesNotContain(name, cli.Json("dynamodb", "list-tables")["TableNames"]!.AsArray().Select(n => (string?)n));
    }

    [SkippableFact]
    public void The_CLI_shows_a_failed_condition()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var name = AwsCli.Unique("clic");
        cli.Json("dynamodb", "create-table", "--table-name", name, "--billing-mode", "PAY_PER_REQUEST",
            "--attribute-definitions", "AttributeName=pk,AttributeType=S", "--key-schema", "AttributeName=pk,KeyType=HASH");

        var error = cli.Error("dynamodb", "delete-item", "--table-name", name, "--key", "{\"pk\":{\"S\":\"none\"}}", "--condition-expression", "attribute_exists(pk)");

        Assert.Contains("An error occurred (ConditionalCheckFailedException) when calling the DeleteItem operation: The conditional request failed", error, StringComparison.Ordinal);
    }
}
