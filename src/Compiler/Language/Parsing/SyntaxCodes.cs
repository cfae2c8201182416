namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>Stable codes of query syntax errors (RC2000–RC2499). docs/diagnostics.md has one line per code.</summary>
public static class SyntaxCodes
{
    public const string UnexpectedCharacter = "RC2000";
    public const string UnterminatedString = "RC2001";
    public const string InvalidEscape = "RC2002";
    public const string InvalidNumber = "RC2003";
    public const string InvalidDurationUnit = "RC2004";
    public const string InvalidDateTime = "RC2005";
    public const string UnbalancedParentheses = "RC2006";
    public const string UnbalancedBrackets = "RC2007";
    public const string UnknownStage = "RC2008";
    public const string ExpectedExpression = "RC2009";
    public const string TrailingInput = "RC2010";
    public const string MissingBy = "RC2011";
    public const string InvalidJoinKind = "RC2012";
    public const string EmptyPipeline = "RC2013";
    public const string MissingStageAfterPipe = "RC2014";
    public const string ExpectedName = "RC2015";
    public const string ExpectedToken = "RC2016";
    public const string NestingTooDeep = "RC2017";
    public const string MissingSemicolon = "RC2019";
    public const string InvalidIndex = "RC2020";
    public const string MisplacedListReference = "RC2021";
    public const string ExpectedList = "RC2022";
    public const string KeywordAsName = "RC2024";
    public const string InvalidTakeCount = "RC2026";
    public const string InvalidFillValue = "RC2027";
    public const string MissingOn = "RC2029";
    public const string InvalidDynamic = "RC2030";
    public const string ForeignStage = "RC2031";
    public const string LetPipelineNeedsParentheses = "RC2032";
    public const string InternalError = "RC2499";
}
