using System.Globalization;
using System.Text;
using System.Text.Json;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.StructuredDocuments;

namespace Mys.Signing.Domain.Tests.StructuredDocuments;

public sealed class SpendingInstructionTests
{
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid Unit = Guid.Parse("11111111-1111-1111-1111-111111111111");

    private static SpendingInstructionSpec Spec() => new()
    {
        Number = "HTOB-2025-7",
        Date = new DateOnly(2025, 3, 4),
        SpendingUnitId = Unit,
        Subject = "Kirtasiye alimi",
        Reason = "Birim ihtiyaci",
        LegalBasis = "4734/22-d",
        Amount = Money.From(12500m),
        UsableAppropriation = Money.From(40000.5m),
        BudgetLine = BudgetClassification.Parse("38.01.00.05", "01.3.9.00", "1", "03.2.1.01").Value,
        RealizationMethod = "Dogrudan temin",
        AssignedOfficers = [new AssignedOfficer("Ali Veli", "Sef")],
        Duration = "30 gun",
    };

    [Fact]
    public void The_canonical_json_has_the_documented_order_and_formats()
    {
        var json = Encoding.UTF8.GetString(SpendingInstruction.Create(Id, Spec()).Value.ToCanonicalJson());

        json.ShouldBe(Json(
            "{'type':'HTOB','schemaVersion':1,'id':'0f8fad5b-d9cb-469f-a165-70867728950e','number':'HTOB-2025-7','date':'2025-03-04'," +
            "'spendingUnitId':'11111111-1111-1111-1111-111111111111','subject':'Kirtasiye alimi','reason':'Birim ihtiyaci','legalBasis':'4734/22-d'," +
            "'amount':12500.00,'currency':'TRY','usableAppropriation':40000.50," +
            "'budgetLine':{'institutional':'38.01.00.05','functional':'01.3.9.00','financing':'1','economic':'03.2.1.01'}," +
            "'realizationMethod':'Dogrudan temin','assignedOfficers':[{'name':'Ali Veli','title':'Sef'}],'duration':'30 gun'}"));
    }

    [Fact]
    public void Turkish_text_round_trips_and_the_output_does_not_depend_on_the_current_culture()
    {
        var spec = Spec() with { Subject = "Kırtasiye alımı (İğdır şubesi)" };
        var saved = CultureInfo.CurrentCulture;
        byte[] underTurkish;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            underTurkish = SpendingInstruction.Create(Id, spec).Value.ToCanonicalJson();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        var underInvariant = SpendingInstruction.Create(Id, spec).Value.ToCanonicalJson();
        underTurkish.ShouldBe(underInvariant);
        using var document = JsonDocument.Parse(underTurkish);
        document.RootElement.GetProperty("subject").GetString().ShouldBe("Kırtasiye alımı (İğdır şubesi)");
        document.RootElement.GetProperty("amount").GetDecimal().ShouldBe(12500m);
    }

    [Fact]
    public void The_amount_may_not_exceed_the_usable_appropriation()
    {
        SpendingInstruction.Create(Id, Spec() with { Amount = Money.From(40000.51m) }).Error!.Code.ShouldBe("HTOB_APPROPRIATION_EXCEEDED");
        SpendingInstruction.Create(Id, Spec() with { Amount = Money.From(40000.50m) }).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Mandatory_fields_and_officers_are_checked()
    {
        SpendingInstruction.Create(Id, Spec() with { LegalBasis = " " }).Error!.Code.ShouldBe("HTOB_FIELD_MISSING");
        SpendingInstruction.Create(Id, Spec() with { Amount = Money.Zero }).Error!.Code.ShouldBe("HTOB_AMOUNT");
        SpendingInstruction.Create(Id, Spec() with { AssignedOfficers = [] }).Error!.Code.ShouldBe("HTOB_OFFICERS");
        SpendingInstruction.Create(Id, Spec() with { AssignedOfficers = [new AssignedOfficer("Ali", "")] }).Error!.Code.ShouldBe("HTOB_OFFICERS");
    }

    private static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
