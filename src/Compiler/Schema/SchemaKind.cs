namespace RuleCompiler.Compiler.Schema;

/// <summary>The kinds of file in a rules repository, each with its schema under schemas/.</summary>
public enum SchemaKind
{
    Rule,
    DataSource,
    List,
    Fragment,
    Table,
}
