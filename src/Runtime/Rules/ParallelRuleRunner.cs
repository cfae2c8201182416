using System.Collections.Concurrent;
using System.Text.Json;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// <c>rulec run --threads N</c>. The reader thread only cuts the input into blocks of about <see cref="BlockBytes"/>
/// at record boundaries (<see cref="EventReader.ReadFileChunks"/>: runs of whole NDJSON lines, array and Records
/// elements; gzip is decompressed there). N workers each take a whole block, parse its events, find each event's
/// candidate rules and run the streaming rules (whose output depends on one event alone), serialising their alerts
/// into the block's buffer, and list in input order what only the ordered pass may do: bad records' reports,
/// rule failures, and the events the other rules (summarize, sort, take, join, ...) must see in order. The ordered
/// pass then takes the blocks in input order, writes their alert bytes and pushes those events, on one thread.
/// Alerts, reports and their order are exactly those of <see cref="RuleSetRunner"/>.
/// </summary>
public sealed class ParallelRuleRunner
{
    /// <summary>About this many bytes of input per hand-off: large, so a hand-off costs little against its work.</summary>
    private const int BlockBytes = 1 << 19;

    private readonly IReadOnlyList<IndexedRule> _rules;
    private readonly int _threads;
    private readonly Stream _output;
    private readonly Action<int> _onAlert;
    private readonly Action<RuleFailure> _onFailure;
    private readonly Action<EventError> _onError;
    private readonly Func<Row, DateTime?>? _eventTime;
    private readonly Action<long> _onProgress;
    private readonly Func<string, string> _display;
    private readonly TableRows _tables;

    /// <param name="rules">The rules, in the order their alerts are written.</param>
    /// <param name="threads">Worker threads (at least 1).</param>
    /// <param name="output">Where alerts go, as <see cref="AlertWriter"/> writes them.</param>
    /// <param name="onAlert">Called for each alert written, with the rule's index.</param>
    /// <param name="onFailure">A rule failed on an event or at the end.</param>
    /// <param name="onError">A record could not be read.</param>
    /// <param name="eventTime">An event's time, for <see cref="Newest"/> (called on the workers); null: not wanted.</param>
    /// <param name="onProgress">The number of events so far, after each block.</param>
    /// <param name="display">The file name rule failures report.</param>
    /// <param name="tables">Rows supplied for the maintained lookup tables the rules read (none: they are empty).</param>
    public ParallelRuleRunner(
        IReadOnlyList<IndexedRule> rules,
        int threads,
        Stream output,
        Action<int> onAlert,
        Action<RuleFailure> onFailure,
        Action<EventError> onError,
        Func<Row, DateTime?>? eventTime,
        Action<long> onProgress,
        Func<string, string> display,
        TableRows? tables = null)
    {
        _tables = tables ?? TableRows.None;
        _rules = rules;
        _threads = Math.Max(1, threads);
        _output = output;
        _onAlert = onAlert;
        _onFailure = onFailure;
        _onError = onError;
        _eventTime = eventTime;
        _onProgress = onProgress;
        _display = display;
    }

    public long EventCount { get; private set; }

    /// <summary>The largest <c>eventTime</c> of any event, when one was asked for and found.</summary>
    public DateTime? Newest { get; private set; }

    /// <summary>Reads the files in order, runs every rule, completes them; returns when everything is written.</summary>
    public void Run(IEnumerable<string> files)
    {
        var index = new RuleSetIndex(_rules);
        var work = new BlockingCollection<Block>(boundedCapacity: _threads * 2);
        var ordered = new BlockingCollection<Block>(boundedCapacity: _threads * 4);
        var free = new ConcurrentBag<Block>();
        var workers = Enumerable.Range(0, _threads)
            .Select(_ => new Worker(_rules, index, _eventTime, _tables))
            .Select(w => new Thread(() => w.Run(work)) { IsBackground = true, Name = "rulec worker" })
            .ToList();
        workers.ForEach(t => t.Start());
        Exception? readFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                Read(files, work, ordered, free);
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
        }), _onFailure, tables: _tables);
        foreach (var block in ordered.GetConsumingEnumerable())
        {
            block.Done.Wait();
            Replay(block, inOrder);
            block.Reset();
            free.Add(block);
        }

        reader.Join();
        workers.ForEach(t => t.Join());
        if (readFailure is not null)
        {
            throw new InvalidOperationException("reading the events failed: " + readFailure.Message, readFailure);
        }

        inOrder.Complete();
    }

    private static void Read(IEnumerable<string> files, BlockingCollection<Block> work, BlockingCollection<Block> ordered, ConcurrentBag<Block> free)
    {
        var block = Take(free);
        foreach (var file in files)
        {
            // The lambda reads the variable, so a report made after a block was handed on lands in the next one.
            foreach (var chunk in EventReader.ReadFileChunks(file, e => block.AddError(e), BlockBytes))
            {
                block.Add(chunk);
                if (block.IsFull)
                {
                    Submit(block, work, ordered);
                    block = Take(free);
                }
            }
        }

        Submit(block, work, ordered);
    }

    private static Block Take(ConcurrentBag<Block> free) => free.TryTake(out var block) ? block : new Block();

    private static void Submit(Block block, BlockingCollection<Block> work, BlockingCollection<Block> ordered)
    {
        ordered.Add(block);
        work.Add(block);
    }

    /// <summary>The ordered pass over one evaluated block.</summary>
    private void Replay(Block block, RuleSetRunner inOrder)
    {
        if (block.Failure is { } failure)
        {
            throw new InvalidOperationException("evaluating events failed: " + failure.Message, failure);
        }

        var alerts = block.Alerts.GetBuffer();
        foreach (var outcome in block.Outcomes)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Error:
                    _onError(outcome.Error!);
                    break;
                case OutcomeKind.Alert:
                    _output.Write(alerts, outcome.Offset, outcome.Length);
                    _onAlert(outcome.Rule);
                    break;
                case OutcomeKind.Failure:
                    _onFailure(new RuleFailure(_rules[outcome.Rule].Rule.Info, _display(outcome.File!), outcome.Line, outcome.Message!));
                    break;
                case OutcomeKind.InOrder:
                    inOrder.Push(outcome.Rule, outcome.Row!, _display(outcome.File!), outcome.Line);
                    break;
            }
        }

        EventCount += block.EventCount;
        if (block.Newest is { } newest && (Newest is null || newest > Newest))
        {
            Newest = newest;
        }

        _onProgress(EventCount);
    }

    private enum OutcomeKind
    {
        Error,
        Alert,
        Failure,
        InOrder,
    }

    /// <summary>What the ordered pass does, in input order: report, write alert bytes, or push an event in order.</summary>
    private readonly record struct Outcome(OutcomeKind Kind, int Rule, int Offset, int Length, Row? Row, string? File, long Line, string? Message, EventError? Error);

    /// <summary>Chunks of input in order (their bytes copied out of the reader), then what a worker made of them.</summary>
    private sealed class Block
    {
        private byte[] _bytes = new byte[BlockBytes * 2];
        private int _used;

        public Block()
        {
            Writer = new AlertWriter(Alerts);
        }

        /// <summary>The chunks, and the reader's reports between them (a chunk of kind -1 with its error).</summary>
        public List<(RecordChunk Chunk, EventError? Error)> Items { get; } = [];

        public List<Outcome> Outcomes { get; } = [];

        public MemoryStream Alerts { get; } = new();

        /// <summary>Serialises alerts into <see cref="Alerts"/>.</summary>
        public AlertWriter Writer { get; }

        public ManualResetEventSlim Done { get; } = new();

        public Exception? Failure { get; set; }

        public long EventCount { get; set; }

        public DateTime? Newest { get; set; }

        public bool IsFull => _used >= BlockBytes;

        public void Add(RecordChunk chunk)
        {
            if (_used + chunk.Bytes.Length > _bytes.Length)
            {
                // Chunks added so far keep pointing into the old array.
                var larger = new byte[Math.Max(_bytes.Length * 2, _used + chunk.Bytes.Length)];
                _bytes.AsSpan(0, _used).CopyTo(larger);
                _bytes = larger;
            }

            chunk.Bytes.Span.CopyTo(_bytes.AsSpan(_used));
            Items.Add((chunk with { Bytes = _bytes.AsMemory(_used, chunk.Bytes.Length) }, null));
            _used += chunk.Bytes.Length;
        }

        public void AddError(EventError error) => Items.Add((default, error));

        /// <summary>Ready for the next input (blocks are reused, so a run allocates a handful).</summary>
        public void Reset()
        {
            _used = 0;
            Items.Clear();
            Outcomes.Clear();
            Alerts.SetLength(0);
            Done.Reset();
            Failure = null;
            EventCount = 0;
            Newest = null;
        }
    }

    /// <summary>One worker thread: its own instance of every streaming rule, writing alerts into the block at hand.</summary>
    private sealed class Worker
    {
        private readonly RuleSetIndex _index;
        private readonly Func<Row, DateTime?>? _eventTime;
        private readonly RulePlan?[] _plans;

        /// <summary>For the rules run in order: an instance of each whose filters alone this worker runs.</summary>
        private readonly RulePlan?[] _filters;
        private readonly List<int> _scratch = [];
        private readonly EventFields _fields = new();
        private readonly Action<EventError> _onError;
        private Block _block = null!;
        private int _rule;

        public Worker(IReadOnlyList<IndexedRule> rules, RuleSetIndex index, Func<Row, DateTime?>? eventTime, TableRows tables)
        {
            _index = index;
            _eventTime = eventTime;
            _onError = e => _block.Outcomes.Add(new Outcome(OutcomeKind.Error, 0, 0, 0, null, null, 0, null, e));
            _plans = new RulePlan?[rules.Count];
            _filters = new RulePlan?[rules.Count];
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i].Rule;
                if (rules[i].Streaming)
                {
                    // Alerts are serialised at once, so rows may read the event where the block holds it.
                    _plans[i] = rule.Start(new RowCallback(row => Alert(rule.Info, row)), detachEvents: false, tables);
                }
                else
                {
                    _filters[i] = rule.Start(new RowCallback(_ => { }));
                }
            }
        }

        public void Run(BlockingCollection<Block> work)
        {
            foreach (var block in work.GetConsumingEnumerable())
            {
                _block = block;
                try
                {
                    foreach (var (chunk, error) in block.Items)
                    {
                        if (error is not null)
                        {
                            _onError(error);
                            continue;
                        }

                        foreach (var (evt, line) in EventReader.EventsIn(chunk, _onError))
                        {
                            Process(evt, chunk.File, line);
                        }
                    }
                }
                catch (Exception e)
                {
                    block.Failure = e;
                }
                finally
                {
                    block.Done.Set();
                }
            }
        }

        private void Process(JsonElement evt, string file, long line)
        {
            _block.EventCount++;
            var row = Row.FromEvent(evt, _fields);
            if (_eventTime?.Invoke(row) is { } time && (_block.Newest is null || time > _block.Newest))
            {
                _block.Newest = time;
            }

            Row? kept = null;
            foreach (var i in _index.Candidates(row, _scratch))
            {
                if (_plans[i] is not { } plan)
                {
                    if (!_filters[i]!.MayTake(row))
                    {
                        continue;
                    }

                    // The event's document is released when the next event is read: the ordered pass gets a copy.
                    kept ??= row.Detached();
                    _block.Outcomes.Add(new Outcome(OutcomeKind.InOrder, i, 0, 0, kept, file, line, null, null));
                    continue;
                }

                _rule = i;
                try
                {
                    plan.Push(row);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _block.Outcomes.Add(new Outcome(OutcomeKind.Failure, i, 0, 0, null, file, line, e.Message, null));
                }
            }
        }

        private void Alert(RuleInfo rule, Row row)
        {
            var offset = (int)_block.Alerts.Length;
            _block.Writer.Write(rule, row);
            _block.Outcomes.Add(new Outcome(OutcomeKind.Alert, _rule, offset, (int)_block.Alerts.Length - offset, null, null, 0, null, null));
        }
    }
}
