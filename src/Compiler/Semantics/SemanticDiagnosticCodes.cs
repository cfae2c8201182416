namespace RuleCompiler.Compiler.Semantics;

/// <summary>Codes for problems beyond the schema (RC13xx). Documented in docs/diagnostics.md.</summary>
public static class SemanticDiagnosticCodes
{
    public const string DuplicateId = "RC1301";
    public const string DuplicateName = "RC1302";
    public const string FileNameMismatch = "RC1303";
    public const string UnknownTechnique = "RC1304";
    public const string InactiveTechnique = "RC1305";
    public const string InvalidDate = "RC1306";
    public const string InvalidDuration = "RC1307";
    public const string DurationOutOfBounds = "RC1308";
    public const string LookbackShorterThanFrequency = "RC1309";
    public const string UnknownEntityIdentifier = "RC1310";
    public const string MissingRequiredIdentifiers = "RC1311";
    public const string UnknownDataSource = "RC1312";
    public const string UnknownOutputColumn = "RC1313";
    public const string TestEventsFileMissing = "RC1314";
    public const string MissingModeline = "RC1315";
    public const string SymlinkLoop = "RC1316";
    public const string SymlinkOutsideRepository = "RC1317";
    public const string TestEventsOutsideRepository = "RC1318";
    public const string SearchTooLong = "RC1319";
    public const string ListTooLarge = "RC1320";
    public const string SentinelValueNotText = "RC1321";
    public const string DataModelFormat = "RC1322";
    public const string DataModelFieldPrefix = "RC1323";
    public const string DuplicateDataModel = "RC1324";
    public const string TableRowUnknownColumn = "RC1325";
    public const string TableCellType = "RC1326";
    public const string TableShape = "RC1327";
    public const string TableTooLarge = "RC1328";
    public const string TableRowsSupplied = "RC1329";
    public const string UnknownExpectedColumn = "RC1330";
    public const string GeoDatabaseDiffers = "RC1331";
    public const string GeoDatabaseMalformed = "RC1332";
    public const string GeoDatabaseTooLarge = "RC1333";
    public const string NoGeoDatabase = "RC1334";
    public const string GroupingByUnmappedEntity = "RC1340";
    public const string GroupingByUnknownCustomDetail = "RC1341";
    public const string GroupingSelectionMismatch = "RC1342";
    public const string GroupingWithoutIncidents = "RC1343";
}
