using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Operators;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// <c>rulec run --threads N</c>: the event stream is cut into batches in file order; N workers each parse a batch
/// (NDJSON lines are parsed there, not by the reader), find each event's candidate rules and run the streaming
/// rules, whose output depends on one event alone, serialising their alerts into the batch. One ordered pass then
/// goes through the batches in input order and, per event and in rule order, writes the streaming rules' alerts
/// and pushes the event into the other rules (summarize, sort, take, join, ...), which therefore see the events
/// in order on one thread. Alerts, reports and their order are exactly those of <see cref="RuleSetRunner"/>.
/// </summary>
public sealed class ParallelRuleRunner
{
    private const int BatchBytes = 1 << 18;
    private const int BatchItems = 1024;

    private readonly IReadOnlyList<IndexedRule> _rules;
    private readonly int _threads;
    private readonly Stream _output;
    private readonly Action<int> _onAlert;
    private readonly Action<RuleFailure> _onFailure;
    private readonly Action<EventError> _onError;
    private readonly Action<JsonElement> _onEvent;
    private readonly Func<string, string> _display;

    /// <param name="rules">The rules, in the order their alerts are written.</param>
    /// <param name="threads">Worker threads (at least 1).</param>
    /// <param name="output">Where alerts go, as <see cref="AlertWriter"/> writes them.</param>
    /// <param name="onAlert">Called for each alert written, with the rule's index.</param>
    /// <param name="onFailure">A rule failed on an event or at the end.</param>
    /// <param name="onError">A record could not be read.</param>
    /// <param name="onEvent">Each event, in input order, before the rules' alerts on it.</param>
    /// <param name="display">The file name rule failures report.</param>
    public ParallelRuleRunner(
        IReadOnlyList<IndexedRule> rules,
        int threads,
        Stream output,
        Action<int> onAlert,
        Action<RuleFailure> onFailure,
        Action<EventError> onError,
        Action<JsonElement> onEvent,
        Func<string, string> display)
    {
        _rules = rules;
        _threads = Math.Max(1, threads);
        _output = output;
        _onAlert = onAlert;
        _onFailure = onFailure;
        _onError = onError;
        _onEvent = onEvent;
        _display = display;
    }

    public long EventCount { get; private set; }

    /// <summary>Reads the files in order, runs every rule, completes them; returns when everything is written.</summary>
    public void Run(IEnumerable<string> files)
    {
        var index = new RuleSetIndex(_rules);
        var work = new BlockingCollection<Batch>(boundedCapacity: _threads * 2);
        var ordered = new BlockingCollection<Batch>(boundedCapacity: _threads * 4);
        var workers = Enumerable.Range(0, _threads)
            .Select(_ => new Worker(_rules, index))
            .Select(w => new Thread(() => w.Run(work)) { IsBackground = true, Name = "rulec worker" })
            .ToList();
        workers.ForEach(t => t.Start());
        Exception? readFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                Read(files, work, ordered);
            }
            catch (Exception e)
            {
                readFailure = e;
            }
            finally
            {
                work.CompleteAdding();
                ordered.CompleteAdding();
            }
        }) { IsBackground = true, Name = "rulec reader" };
        reader.Start();

        var writer = new AlertWriter(_output);
        var ruleIndex = _rules.Select((r, i) => (r.Rule, i)).ToDictionary(p => (object)p.Rule, p => p.i, ReferenceEqualityComparer.Instance);
        var inOrder = new RuleSetRunner(_rules, r => new RowCallback(row =>
        {
            writer.Write(r.Info, row);
            _onAlert(ruleIndex[r]);
        }), _onFailure);
        foreach (var batch in ordered.GetConsumingEnumerable())
        {
            batch.Done.Wait();
            Replay(batch, inOrder);
        }

        reader.Join();
        workers.ForEach(t => t.Join());
        if (readFailure is not null)
        {
            throw new InvalidOperationException("reading the events failed: " + readFailure.Message, readFailure);
        }

        inOrder.Complete();
    }

    private void Read(IEnumerable<string> files, BlockingCollection<Batch> work, BlockingCollection<Batch> ordered)
    {
        var batch = new Batch();
        foreach (var file in files)
        {
            // The lambda reads the variable, so a report made after a batch was handed on lands in the next one.
            foreach (var record in EventReader.ReadFileDeferred(file, e => batch.AddError(e)))
            {
                if (record.Unparsed.IsEmpty)
                {
                    batch.Add(ItemKind.Event, JsonMarshal.GetRawUtf8Value(record.Event), record.File, record.Line);
                }
                else
                {
                    batch.Add(ItemKind.Line, record.Unparsed.Span, record.File, record.Line);
                }

                if (batch.IsFull)
                {
                    Submit(batch, work, ordered);
                    batch = new Batch();
                }
            }
        }

        Submit(batch, work, ordered);
    }

    private static void Submit(Batch batch, BlockingCollection<Batch> work, BlockingCollection<Batch> ordered)
    {
        ordered.Add(batch);
        work.Add(batch);
    }

    /// <summary>The ordered pass over one evaluated batch.</summary>
    private void Replay(Batch batch, RuleSetRunner inOrder)
    {
        if (batch.Failure is { } failure)
        {
            throw new InvalidOperationException("evaluating events failed: " + failure.Message, failure);
        }

        Row? row = null;
        string file = "";
        long line = 0;
        var alerts = batch.Alerts.GetBuffer();
        foreach (var outcome in batch.Outcomes)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Error:
                    _onError(outcome.Error!);
                    break;
                case OutcomeKind.Event:
                    EventCount++;
                    _onEvent(outcome.Event);
                    row = Row.FromEvent(outcome.Event);
                    file = _display(outcome.File!);
                    line = outcome.Line;
                    break;
                case OutcomeKind.Alert:
                    _output.Write(alerts, outcome.Offset, outcome.Length);
                    _onAlert(outcome.Rule);
                    break;
                case OutcomeKind.Failure:
                    _onFailure(new RuleFailure(_rules[outcome.Rule].Rule.Info, file, line, outcome.Message!));
                    break;
                case OutcomeKind.InOrder:
                    inOrder.Push(outcome.Rule, row!, file, line);
                    break;
            }
        }

        batch.Dispose();
    }

    private enum ItemKind
    {
        Event,
        Line,
        Error,
    }

    private readonly record struct Item(ItemKind Kind, int Offset, int Length, string File, long Line, EventError? Error);

    private enum OutcomeKind
    {
        Error,
        Event,
        Alert,
        Failure,
        InOrder,
    }

    private readonly record struct Outcome(OutcomeKind Kind, int Rule, int Offset, int Length, JsonElement Event, string? File, long Line, string? Message, EventError? Error);

    /// <summary>Records in input order (their bytes copied out of the reader), then what the worker made of them.</summary>
    private sealed class Batch : IDisposable
    {
        private byte[] _bytes = new byte[BatchBytes];
        private int _used;

        public List<Item> Items { get; } = [];

        public List<Outcome> Outcomes { get; } = [];

        public MemoryStream Alerts { get; } = new();

        public List<JsonDocument> Documents { get; } = [];

        public ManualResetEventSlim Done { get; } = new();

        public Exception? Failure { get; set; }

        public bool IsFull => _used >= BatchBytes || Items.Count >= BatchItems;

        public ReadOnlyMemory<byte> Bytes(Item item) => _bytes.AsMemory(item.Offset, item.Length);

        public void Add(ItemKind kind, ReadOnlySpan<byte> json, string file, long line)
        {
            if (_used + json.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + json.Length));
            }

            json.CopyTo(_bytes.AsSpan(_used));
            Items.Add(new Item(kind, _used, json.Length, file, line, null));
            _used += json.Length;
        }

        public void AddError(EventError error) => Items.Add(new Item(ItemKind.Error, 0, 0, error.File, error.Line, error));

        public void Dispose()
        {
            foreach (var document in Documents)
            {
                document.Dispose();
            }

            Done.Dispose();
        }
    }

    /// <summary>One worker thread: its own instance of every streaming rule, writing alerts into the batch at hand.</summary>
    private sealed class Worker
    {
        private readonly IReadOnlyList<IndexedRule> _rules;
        private readonly RuleSetIndex _index;
        private readonly RulePlan?[] _plans;
        private readonly List<int> _scratch = [];
        private readonly AlertWriter _writer;
        private readonly MemoryStream _alertBytes = new();
        private Batch _batch = null!;
        private int _rule;

        public Worker(IReadOnlyList<IndexedRule> rules, RuleSetIndex index)
        {
            _rules = rules;
            _index = index;
            _writer = new AlertWriter(_alertBytes);
            _plans = new RulePlan?[rules.Count];
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i].Streaming)
                {
                    var rule = rules[i].Rule;
                    // Alerts are serialised at once, so rows may read the event where the batch holds it.
                    _plans[i] = rule.Start(new RowCallback(row => Alert(rule.Info, row)), detachEvents: false);
                }
            }
        }

        public void Run(BlockingCollection<Batch> work)
        {
            foreach (var batch in work.GetConsumingEnumerable())
            {
                _batch = batch;
                try
                {
                    Evaluate(batch);
                }
                catch (Exception e)
                {
                    batch.Failure = e;
                }
                finally
                {
                    batch.Done.Set();
                }
            }
        }

        private void Evaluate(Batch batch)
        {
            foreach (var item in batch.Items)
            {
                switch (item.Kind)
                {
                    case ItemKind.Error:
                        batch.Outcomes.Add(new Outcome(OutcomeKind.Error, 0, 0, 0, default, null, 0, null, item.Error));
                        break;
                    case ItemKind.Line:
                        var document = EventReader.ParseLine(batch.Bytes(item), item.File, item.Line,
                            e => batch.Outcomes.Add(new Outcome(OutcomeKind.Error, 0, 0, 0, default, null, 0, null, e)), out var events);
                        if (document is not null)
                        {
                            batch.Documents.Add(document);
                        }

                        foreach (var evt in events)
                        {
                            Process(evt, item);
                        }

                        break;
                    default:
                        var parsed = JsonDocument.Parse(batch.Bytes(item));
                        batch.Documents.Add(parsed);
                        Process(parsed.RootElement, item);
                        break;
                }
            }
        }

        private void Process(JsonElement evt, Item item)
        {
            _batch.Outcomes.Add(new Outcome(OutcomeKind.Event, 0, 0, 0, evt, item.File, item.Line, null, null));
            var row = Row.FromEvent(evt);
            foreach (var i in _index.Candidates(evt, _scratch))
            {
                if (_plans[i] is not { } plan)
                {
                    _batch.Outcomes.Add(new Outcome(OutcomeKind.InOrder, i, 0, 0, default, null, 0, null, null));
                    continue;
                }

                _rule = i;
                try
                {
                    plan.Push(row);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _batch.Outcomes.Add(new Outcome(OutcomeKind.Failure, i, 0, 0, default, null, 0, e.Message, null));
                }
            }
        }

        private void Alert(RuleInfo rule, Row row)
        {
            _alertBytes.SetLength(0);
            _writer.Write(rule, row);
            var offset = (int)_batch.Alerts.Length;
            _batch.Alerts.Write(_alertBytes.GetBuffer(), 0, (int)_alertBytes.Length);
            _batch.Outcomes.Add(new Outcome(OutcomeKind.Alert, _rule, offset, (int)_alertBytes.Length, default, null, 0, null, null));
        }
    }
}
