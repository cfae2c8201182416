#!/usr/bin/env node
'use strict';
// Runs Microsoft's Kusto.Language (npm @kusto/language-service-next) over many KQL queries in one process, for
// RuleCompiler's Sentinel backend (src/Backends/Sentinel/Analysis/KustoAnalyzer.cs). The library takes about a
// second to load and warm up, so callers send a whole batch through one process.
//
// Protocol (UTF-8 JSON lines):
//   stdin line 1   {"database": "Sentinel", "tables": [{"name": "AWSCloudTrail", "columns": [{"name": "EventName", "type": "string"}]}],
//                   "functions": [{"name": "_GetWatchlist", "parameters": "(watchlistAlias:string)", "body": "{ datatable(...)[] }"}]}
//                  (functions: optional; the workspace functions queries may call, such as Sentinel's _GetWatchlist)
//   stdin line 2.. {"id": "rule-1", "query": "AWSCloudTrail | take 1", "literals": false}
//   stdout line 1  {"ready": true, "library": "@kusto/language-service-next@12.4.1"}  or  {"ready": false, "error": "..."}
//   stdout line n  {"id": "rule-1", "diagnostics": [{"severity", "code", "message", "start", "length", "line", "column"}],
//                   "columns": [{"name", "type"}],   (the output columns, when the query's result is a table)
//                   "literals": ["..."]}             (only when asked: the value of every string literal, in text order)
// A query line that is not valid JSON gets {"id": null, "inputError": "..."} and the run goes on.
// Exit code 0 unless the schema line is unusable (2).

const readline = require('readline');

const PACKAGE = '@kusto/language-service-next';

function loadKusto() {
    // bridge.js installs the Bridge.NET runtime on `global`; the second file defines global `Kusto`.
    require(PACKAGE + '/bridge.js');
    require(PACKAGE + '/Kusto.Language.Bridge.js');
    return global.Kusto.Language;
}

// Kusto type names, with the .NET spellings some schema exports use.
const TYPE_NAMES = {
    string: 'string', bool: 'bool', boolean: 'bool', int: 'int', int32: 'int', long: 'long', int64: 'long',
    real: 'real', double: 'real', decimal: 'decimal', datetime: 'datetime', timespan: 'timespan', guid: 'guid',
    dynamic: 'dynamic', object: 'dynamic'
};

function buildGlobals(K, schema) {
    const S = K.Symbols;
    if (!schema || !Array.isArray(schema.tables)) throw new Error("the schema line needs a 'tables' array");
    const tables = schema.tables.map(table => {
        if (typeof table.name !== 'string' || !Array.isArray(table.columns)) {
            throw new Error("every table needs a 'name' and a 'columns' array");
        }
        const columns = table.columns.map(column => {
            const kustoType = TYPE_NAMES[String(column.type).toLowerCase()];
            const symbol = kustoType && S.ScalarTypes.GetSymbol(kustoType);
            if (!symbol) throw new Error(`${table.name}.${column.name}: unknown column type '${column.type}'`);
            return new S.ColumnSymbol(column.name, symbol);
        });
        return new S.TableSymbol.$ctor4(table.name, columns);
    });
    const functions = (schema.functions || []).map(fn => {
        if (typeof fn.name !== 'string' || typeof fn.parameters !== 'string' || typeof fn.body !== 'string') {
            throw new Error("every function needs a 'name', 'parameters' and 'body' string");
        }
        return new S.FunctionSymbol.$ctor16(fn.name, fn.parameters, fn.body, null);
    });
    const database = new S.DatabaseSymbol.ctor(schema.database || 'Sentinel', tables.concat(functions));
    return K.GlobalState.Default.WithDatabase(database);
}

function lineAndColumn(text, position) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < position && i < text.length; i++) {
        if (text.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: position - lineStart + 1 };
}

// Values of the string literals in text order; adjacent literals ("a" "b") count as their parts.
function stringLiterals(K, root) {
    const values = [];
    const kind = K.Syntax.SyntaxKind.StringLiteralExpression;
    const visit = element => {
        if (!element) return;
        if (element.Kind === kind) values.push(element.LiteralValue);
        for (let i = 0; i < element.ChildCount; i++) visit(element.GetChild(i));
    };
    visit(root);
    return values;
}

function outputColumns(K, resultType) {
    const columns = [];
    if (resultType instanceof K.Symbols.TableSymbol) {
        const list = resultType.Columns;
        for (let i = 0; i < list.Count; i++) {
            const column = list.getItem(i);
            columns.push({ name: column.Name, type: column.Type.Name });
        }
    }
    return columns;
}

function analyze(K, globals, request) {
    const text = request.query;
    const code = K.KustoCode.ParseAndAnalyze(text, globals);
    const list = code.GetDiagnostics();
    const diagnostics = [];
    for (let i = 0; i < list.Count; i++) {
        const d = list.getItem(i);
        const start = d.HasLocation ? d.Start : -1;
        const position = start >= 0 ? lineAndColumn(text, start) : { line: 0, column: 0 };
        diagnostics.push({
            severity: String(d.Severity || 'Error').toLowerCase(),
            code: d.Code,
            message: d.Message,
            start,
            length: d.HasLocation ? d.Length : 0,
            line: position.line,
            column: position.column
        });
    }
    diagnostics.sort((a, b) => a.start - b.start);
    const result = { id: request.id, diagnostics, columns: outputColumns(K, code.ResultType) };
    if (request.literals) result.literals = stringLiterals(K, code.Syntax);
    return result;
}

function main() {
    const write = obj => process.stdout.write(JSON.stringify(obj) + '\n');
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    let K = null;
    let globals = null;
    lines.on('line', line => {
        if (globals === null) {
            try {
                K = loadKusto();
                globals = buildGlobals(K, JSON.parse(line));
                write({ ready: true, library: `${PACKAGE}@${require(PACKAGE + '/package.json').version}` });
            } catch (e) {
                write({ ready: false, error: e.code === 'MODULE_NOT_FOUND' ? `${PACKAGE} is not installed (run npm ci in ${__dirname})` : e.message });
                process.exit(2);
            }
            return;
        }
        if (line.trim() === '') return;
        let request;
        try {
            request = JSON.parse(line);
            if (typeof request.query !== 'string') throw new Error("no 'query' string");
        } catch (e) {
            write({ id: request && request.id !== undefined ? request.id : null, inputError: e.message });
            return;
        }
        write(analyze(K, globals, request));
    });
}

main();
