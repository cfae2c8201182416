using RuleCompiler.Importers;
using RuleCompiler.Importers.Verification;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>The rates table names every import failure's reason, whatever format the code belongs to.</summary>
public sealed class VerificationTableTests
{
    [Theory]
    [InlineData("RC5052", "table without a data source")]
    [InlineData("RC5051", "KQL syntax not translated")]
    [InlineData("RC5022", "SPL command without translation")]
    [InlineData("RC5006", "aggregation or correlation")]
    public void A_failed_import_is_listed_with_the_reason_of_its_code(string code, string reason)
    {
        var failed = new RuleVerification("a.yaml", ImportStatus.Failed, code, false, null, null, null, null, null, null, null, 0);
        var table = VerificationTable.Format(new VerificationReport("sentinel", "sentinel", [failed], null, 0));

        Assert.Contains($"import      {code}  {reason}", table);
    }
}
