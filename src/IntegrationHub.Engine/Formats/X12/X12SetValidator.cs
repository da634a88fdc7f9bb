using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>The outcome of validating one transaction set: its acknowledgment code, findings and loop tree.</summary>
internal sealed record X12SetResult(X12TransactionSet Set, TransactionSetSpec? Spec, X12Loop Tree, IReadOnlyList<X12Finding> Findings)
{
    /// <summary>AK501/IK501: A accepted, R rejected (an error anywhere in the set or its envelope).</summary>
    public string AckCode => Findings.Any(finding => finding.IsError) ? "R" : "A";

    public bool Accepted => AckCode != "R";

    /// <summary>The HL hierarchy built from HL01/HL02, for sets whose spec names a hierarchical loop.</summary>
    public IReadOnlyList<X12HierarchyNode> Hierarchy { get; init; } = [];

    /// <summary>The set as the document tree maps read (<see cref="X12DocumentTree"/>), when that tree was asked for; null otherwise.</summary>
    public DocumentNode? Document { get; init; }
}

/// <summary>Which tree validating a set builds besides its findings.</summary>
internal enum X12TreeKind
{
    /// <summary>None: streaming validation keeps nothing of the set but its acknowledgment.</summary>
    None,

    /// <summary>The loop tree (<see cref="X12SetResult.Tree"/>) and, for HL sets, the hierarchy.</summary>
    Loops,

    /// <summary>The document tree maps read (<see cref="X12SetResult.Document"/>), built as the segments are placed.</summary>
    Document,
}

/// <summary>
/// Checks a transaction set against its spec: segment order, usage and max use, loop repeats (AK3/IK3 codes) and every
/// element's presence, type, length and code (AK4/IK4 codes), plus syntax notes.
/// </summary>
internal sealed class X12SetValidator(X12SpecLibrary specs)
{
    /// <summary>The spec found for each (set id, version) seen, so that a file of many sets looks each up once.</summary>
    private readonly Dictionary<(string SetId, string Version), (TransactionSetSpec? Spec, bool Exact)> _found = [];

    private (TransactionSetSpec? Spec, bool Exact) Find(string setId, string version)
    {
        if (_found.TryGetValue((setId, version), out var found)) return found;
        found = (specs.Find(setId, version, out var exact), exact);
        // Bounded: a hostile file could name endless set ids and versions.
        if (_found.Count < 256) _found[(setId, version)] = found;
        return found;
    }

    /// <summary>HL segments that opened a hierarchical loop of the root, for checking the hierarchy without a tree.</summary>
    private readonly List<X12Segment> _hierarchyTriggers = [];
    private readonly ControlNumberSet _hierarchyIds = new(ranges: false);

    /// <summary>One walker for every set, so that its loop frames are reused (a validator serves one caller at a time).</summary>
    private readonly StructureWalker _walker = new();

    /// <summary>
    /// Takes the loop nodes of <paramref name="document"/>, a tree this validator built that is no longer read, for the
    /// loops of the sets it validates next (see <see cref="X12SetTrees.InTurn"/>).
    /// </summary>
    internal void Recycle(DocumentNode document) => _walker.Recycle(document);

    /// <summary>
    /// Validates a set. Without <paramref name="buildTree"/> the result's tree and hierarchy are empty (the findings are
    /// the same): for streaming validation, which keeps nothing of the set but its acknowledgment.
    /// </summary>
    public X12SetResult Validate(X12TransactionSet set, bool buildTree = true) => Validate(set, buildTree ? X12TreeKind.Loops : X12TreeKind.None);

    /// <summary>
    /// Validates a set and builds the tree asked for; the findings are the same whichever it is. Without the loop tree
    /// the result's <see cref="X12SetResult.Tree"/> and hierarchy are empty.
    /// </summary>
    public X12SetResult Validate(X12TransactionSet set, X12TreeKind tree)
    {
        var buildTree = tree == X12TreeKind.Loops;
        var findings = new List<X12Finding>(set.Findings);
        var version = set.Group?.Version ?? set.Interchange.Version;
        var (spec, exact) = Find(set.SetId, version);
        var root = new X12Loop(set.SetId);
        if (spec is null)
        {
            findings.Add(EnvelopeFinding.Set(set, "x12.set.unsupported", "1", $"Transaction set {set.SetId} is not supported (no spec for it).", set.St));
            if (tree == X12TreeKind.Document) return new X12SetResult(set, null, root, findings) { Document = X12DocumentTree.Flat(set) };
            root.Items.AddRange(set.Segments.Select(segment => new X12LoopItem(segment, null)));
            return new X12SetResult(set, null, root, findings);
        }
        if (!exact)
        {
            findings.Add(EnvelopeFinding.Set(set, "x12.spec.version-fallback", "",
                $"No {set.SetId} spec for version {version}; validated against {spec.Version}.", set.St, Severity.Warning));
        }

        _hierarchyTriggers.Clear();
        var tables = TablesOf(spec);
        var walker = _walker;
        var document = tree == X12TreeKind.Document ? walker.StartDocument(spec, set.SetId) : null;
        walker.Start(spec, tables, set, buildTree ? root : null, document, findings, buildTree ? null : _hierarchyTriggers);
        var segments = set.Segments;
        var plans = tables.Plans;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var position = i + 1;
            // The segment's id is looked up once; the walker and the element checks then index arrays with it.
            var id = tables.IndexOf(segment);
            var loopId = walker.Place(segment, id, position);
            CheckElements(set, id < 0 ? null : plans[id], segment, position, loopId, findings);
        }
        walker.Finish(segments.Count + 1);

        var hierarchy = spec.HierarchicalLoop is not { } hl ? [] : buildTree ? BuildHierarchy(root, hl, set, findings) : CheckHierarchy(set, findings);
        if (X12AckReader.Read(set)?.Inconsistency() is { } inconsistency)
        {
            findings.Add(EnvelopeFinding.Set(set, "x12.ack.inconsistent", "", inconsistency, set.Segments[^1], Severity.Warning));
        }
        return new X12SetResult(set, spec, root, findings) { Hierarchy = hierarchy, Document = document };
    }

    /// <summary>The tables of the last spec used: a file's sets are nearly always all of one kind.</summary>
    private SpecTables? _tables;

    /// <summary>The tables of the last few specs used, beside <see cref="_tables"/>; bounded like <see cref="_found"/>.</summary>
    private readonly Dictionary<TransactionSetSpec, SpecTables> _tableCache = new(ReferenceEqualityComparer.Instance);

    private SpecTables TablesOf(TransactionSetSpec spec)
    {
        if (_tables is { } last && ReferenceEquals(last.Spec, spec)) return last;
        if (!_tableCache.TryGetValue(spec, out var tables))
        {
            tables = new SpecTables(spec);
            if (_tableCache.Count < 256) _tableCache[spec] = tables;
        }
        _tables = tables;
        return tables;
    }

    private static void CheckElements(X12TransactionSet set, SegmentPlan? plan, X12Segment segment, int position, string loopId, List<X12Finding> findings)
    {
        var before = findings.Count;
        var context = new ElementContext(set, segment, position, loopId, findings);
        if (segment.Defect == SegmentDefect.TooLong)
        {
            context.Element(1, 0, "", "5", "x12.segment.too-long", "The segment is longer than the configured bound and was skipped.", "");
        }
        else if (plan is not null)
        {
            ElementRules.Check(plan, context);
        }

        // The last element is empty when its start is one past the separator before the end.
        var starts = segment.Starts;
        if (segment.Count > 0 && starts[^1] - 1 == starts[^2] && segment.Defect == SegmentDefect.None)
        {
            findings.Add(new X12Finding("x12.segment.trailing-separators", "The segment ends with empty elements (excess separators).",
                Severity.Warning, X12Level.Segment, "", segment.Offset)
            { SegmentId = segment.Id, SegmentPosition = position, LoopId = loopId, SetPath = set.Path });
        }

        var elementErrors = false;
        for (var i = before; i < findings.Count; i++) elementErrors |= findings[i].Level == X12Level.Element && findings[i].IsError;
        if (elementErrors)
        {
            findings.Insert(before, new X12Finding("x12.segment.element-errors", $"Segment {segment.Id} has data element errors.",
                Severity.Error, X12Level.Segment, "8", segment.Offset)
            { SegmentId = segment.Id, SegmentPosition = position, LoopId = loopId, SetPath = set.Path });
        }
    }

    /// <summary>Checks the TA1 segments of an interchange against the TA1 definition; findings go to the interchange.</summary>
    public void CheckTa1(X12Interchange interchange)
    {
        var definition = specs.Dictionary("004010")?.GetValueOrDefault("TA1");
        if (definition is null) return;
        foreach (var ta1 in interchange.Ta1Segments)
        {
            var findings = new List<X12Finding>();
            ElementRules.Check(new SegmentPlan(definition), new ElementContext(null, ta1, 0, "", findings));
            interchange.Findings.AddRange(findings.Select(finding => finding with { Code = finding.Code.Replace("x12.element.", "x12.ta1.", StringComparison.Ordinal) }));
        }
    }

    private static List<X12HierarchyNode> BuildHierarchy(X12Loop root, string loopId, X12TransactionSet set, List<X12Finding> findings)
    {
        var roots = new List<X12HierarchyNode>();
        var byId = new Dictionary<string, X12HierarchyNode>(StringComparer.Ordinal);
        foreach (var loop in root.Loops.Where(loop => loop.Id == loopId))
        {
            var node = new X12HierarchyNode(loop);
            if (node.ParentId.Length > 0 && byId.TryGetValue(node.ParentId, out var parent)) parent.Children.Add(node);
            else
            {
                if (node.ParentId.Length > 0)
                {
                    findings.Add(new X12Finding("x12.hl.parent-unknown", $"HL {node.Id} names parent {node.ParentId}, which is not an earlier HL.",
                        Severity.Warning, X12Level.Segment, "", node.Hl.Offset) { SegmentId = "HL", SetPath = set.Path, ElementPosition = 2 });
                }
                roots.Add(node);
            }
            if (!byId.TryAdd(node.Id, node))
            {
                findings.Add(new X12Finding("x12.hl.id-duplicate", $"HL01 {node.Id} is used twice.", Severity.Warning, X12Level.Segment, "", node.Hl.Offset)
                {
                    SegmentId = "HL", SetPath = set.Path, ElementPosition = 1,
                });
            }
        }
        return roots;
    }

    /// <summary>The checks of <see cref="BuildHierarchy"/> (same findings, same order) on the HL segments alone.</summary>
    private List<X12HierarchyNode> CheckHierarchy(X12TransactionSet set, List<X12Finding> findings)
    {
        _hierarchyIds.Clear();
        foreach (var hl in _hierarchyTriggers)
        {
            var parent = hl.Element(2);
            if (!parent.IsEmpty && !_hierarchyIds.Contains(parent))
            {
                findings.Add(new X12Finding("x12.hl.parent-unknown", $"HL {hl[1]} names parent {hl[2]}, which is not an earlier HL.",
                    Severity.Warning, X12Level.Segment, "", hl.Offset) { SegmentId = "HL", SetPath = set.Path, ElementPosition = 2 });
            }
            if (!_hierarchyIds.Add(hl.Element(1)))
            {
                findings.Add(new X12Finding("x12.hl.id-duplicate", $"HL01 {hl[1]} is used twice.", Severity.Warning, X12Level.Segment, "", hl.Offset)
                {
                    SegmentId = "HL", SetPath = set.Path, ElementPosition = 1,
                });
            }
        }
        _hierarchyTriggers.Clear();
        return [];
    }

    /// <summary>Places segments into the structure, one at a time, keeping a stack of open loop instances.</summary>
    private sealed class StructureWalker
    {
        private readonly List<Frame> _stack = [];
        private TransactionSetSpec _spec = null!;
        private SpecTables _tables = null!;
        private X12TransactionSet _set = null!;
        private List<X12Finding> _findings = null!;
        private List<X12Segment>? _hierarchyTriggers;

        /// <summary>
        /// Starts walking a set. Without a <paramref name="root"/> no loop tree is built; HL triggers of the root then go
        /// to <paramref name="hierarchyTriggers"/>. With a <paramref name="document"/> (from <see cref="StartDocument"/>)
        /// each segment is added to it as a node where it lands. Frames of earlier sets are reused.
        /// </summary>
        public void Start(TransactionSetSpec spec, SpecTables tables, X12TransactionSet set, X12Loop? root, DocumentNode? document, List<X12Finding> findings, List<X12Segment>? hierarchyTriggers)
        {
            _spec = spec;
            _tables = tables;
            _set = set;
            _findings = findings;
            _hierarchyTriggers = hierarchyTriggers;
            Close(-1, 0);
            _stack.Add((_spare.Remove(spec.Root, out var frame) ? frame : new Frame(spec.Root, isRoot: true, tables)).Reset(root, document));
        }

        /// <summary>The root node of a set's document tree, sized as the last set of the same spec needed.</summary>
        public DocumentNode StartDocument(TransactionSetSpec spec, string name)
        {
            Close(-1, 0);
            var capacity = _spare.TryGetValue(spec.Root, out var frame) ? frame.Counted : 0;
            return new DocumentNode(name, null, default, capacity);
        }

        /// <summary>
        /// Puts the segment in its place and returns the id of the loop it landed in ("" for the root).
        /// <paramref name="id"/> is the segment id's index in the spec's tables, or -1 when the spec does not know it.
        /// </summary>
        public string Place(X12Segment segment, int id, int position)
        {
            for (var depth = id < 0 ? -1 : _stack.Count - 1; depth >= 0; depth--)
            {
                var frame = _stack[depth];
                if (frame.ChildrenById[id] is not { } candidates) continue;
                var first = frame.IsRoot ? frame.Index : Math.Max(frame.Index, 1);
                foreach (var i in candidates)
                {
                    if (i < first) continue;
                    var child = frame.Node.Children[i];
                    if (child is SegmentNode node)
                    {
                        // Checked here: a placement nearly always stays at the depth it was found at.
                        if (_stack.Count - 1 > depth) Close(depth, position);
                        if (frame.MaySkip(i)) ReportSkipped(frame, i, position);
                        frame.Index = i;
                        if (++frame.Counts[i] > node.MaxUse)
                            Add(segment, position, frame, "x12.segment.max-use-exceeded", "5", $"{segment.Id} occurs more than {node.MaxUse} time(s) here.");
                        frame.Tree?.Items.Add(new X12LoopItem(segment, null));
                        frame.AddSegment(segment);
                        return frame.IsRoot ? "" : frame.Node.LoopId;
                    }
                    if (child is LoopNode loop)
                    {
                        // Checked here: a placement nearly always stays at the depth it was found at.
                        if (_stack.Count - 1 > depth) Close(depth, position);
                        if (frame.MaySkip(i)) ReportSkipped(frame, i, position);
                        frame.Index = i;
                        X12Loop? instance = null;
                        if (frame.Tree is not null)
                        {
                            instance = new X12Loop(loop.LoopId);
                            instance.Items.Add(new X12LoopItem(segment, null));
                            frame.Tree.Items.Add(new X12LoopItem(null, instance));
                        }
                        else if (frame.IsRoot && loop.LoopId == _spec.HierarchicalLoop)
                        {
                            _hierarchyTriggers?.Add(segment);
                        }
                        var inner = Open(i, loop, instance, frame);
                        inner.AddSegment(segment);
                        inner.Counts[0] = 1;
                        _stack.Add(inner);
                        if (++frame.Counts[i] > loop.MaxUse)
                            Add(segment, position, inner, "x12.loop.max-repeats-exceeded", "4", $"Loop {loop.LoopId} occurs more than {loop.MaxUse} time(s).");
                        return loop.LoopId;
                    }
                }
            }

            var top = _stack[^1];
            var (code, x12Code, message) = _spec.SegmentIds.Contains(segment.Id)
                ? ("x12.segment.out-of-order", "7", $"{segment.Id} is not in its proper place in {_spec.SetId}.")
                : IsSegmentId(segment.Id)
                    ? ("x12.segment.not-in-set", "6", $"{segment.Id} is not a segment of transaction set {_spec.SetId}.")
                    : ("x12.segment.unrecognized", "1", $"'{segment.Id}' is not a segment identifier.");
            Add(segment, position, top, code, x12Code, message);
            top.Tree?.Items.Add(new X12LoopItem(segment, null));
            top.AddSegment(segment);
            return top.IsRoot ? "" : top.Node.LoopId;
        }

        /// <summary>Closes every open loop and reports what the set still lacks (at SE or the end of the set).</summary>
        public void Finish(int position)
        {
            Close(0, position);
            ReportSkipped(_stack[0], _stack[0].Node.Children.Length, position);
        }

        private void Close(int keepDepth, int position)
        {
            while (_stack.Count - 1 > keepDepth)
            {
                var closed = _stack[^1];
                if (keepDepth >= 0) ReportSkipped(closed, closed.Node.Children.Length, position);
                _stack.RemoveAt(_stack.Count - 1);
                // An inner loop's frame stays in its parent's slot for the next instance; only the root's is kept here.
                if (closed.IsRoot) _spare[closed.Node] = closed;
            }
        }

        /// <summary>Reports mandatory children after the frame's current child and before <paramref name="until"/> that never occurred.</summary>
        private void ReportSkipped(Frame frame, int until, int position)
        {
            // This runs on every placement and nearly always finds nothing: the answer "nothing" is reached in a few reads.
            var index = frame.Index;
            var from = frame.Counts[index] > 0 ? index + 1 : index;
            var parent = frame.Node;
            // Children after the last mandatory one cannot be missing: a loop of many optional segments is not walked.
            if (until > parent.LastMandatory + 1) until = parent.LastMandatory + 1;
            if (from >= until) return;
            var nextMandatory = parent.NextMandatory;
            var children = parent.Children;
            // Only the mandatory children are visited: an 856's item loop has dozens of optional ones.
            for (var i = nextMandatory[from]; i < until; i = nextMandatory[i + 1])
            {
                var child = children[i];
                if (frame.Counts[i] > 0 || frame.Reported[i]) continue;
                frame.Reported[i] = true;
                var id = child is SegmentNode segment ? segment.SegmentId : ((LoopNode)child).TriggerId;
                var what = child is LoopNode loop ? $"loop {loop.LoopId}" : $"segment {id}";
                var at = _set.Segments[Math.Min(position, _set.Segments.Count) - 1];
                _findings.Add(new X12Finding("x12.segment.mandatory-missing", $"Mandatory {what} is missing.", Severity.Error, X12Level.Segment, "3", at.Offset)
                {
                    SegmentId = id,
                    SegmentPosition = Math.Min(position, _set.Segments.Count),
                    LoopId = frame.IsRoot ? "" : frame.Node.LoopId,
                    SetPath = _set.Path,
                });
            }
        }

        private void Add(X12Segment segment, int position, Frame frame, string code, string x12Code, string message) =>
            _findings.Add(new X12Finding(code, message, Severity.Error, X12Level.Segment, x12Code, segment.Offset)
            {
                SegmentId = segment.Id,
                SegmentPosition = position,
                LoopId = frame.IsRoot ? "" : frame.Node.LoopId,
                SetPath = _set.Path,
            });

        private static bool IsSegmentId(string id) =>
            id.Length is 2 or 3 && char.IsAsciiLetterUpper(id[0]) && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

        /// <summary>One open loop instance. Frames are reused (per loop of the spec) once their loop closes: a set has
        /// thousands of loop instances but only a few open at a time.</summary>
        private sealed class Frame(LoopNode node, bool isRoot, SpecTables tables)
        {
            public LoopNode Node { get; } = node;

            /// <summary><see cref="LoopNode.ChildrenById"/> by the index of the id in the spec's tables (null where none).</summary>
            public int[]?[] ChildrenById { get; } = tables.ByIndex(node.ChildrenById);

            private readonly SpecTables _tables = tables;

            /// <summary>The loop instance being built, or null when no loop tree is built.</summary>
            public X12Loop? Tree { get; private set; }

            /// <summary>The loop instance's document node, or null when no document tree is built.</summary>
            public DocumentNode? Document { get; private set; }

            /// <summary>How many nodes the last document node of this frame got: the next instance's list is sized so.</summary>
            public int LastCount { get; private set; }

            /// <summary>How many nodes the current (or, once closed, the last) document node of this frame got.</summary>
            public int Counted => _count > 0 ? _count : LastCount;

            private int _count;

            public bool IsRoot { get; } = isRoot;

            public int Index { get; set; }

            public int[] Counts { get; } = new int[node.Children.Length];

            public bool[] Reported { get; } = new bool[node.Children.Length];

            /// <summary>
            /// Whether a mandatory child after the current one and before child <paramref name="until"/> may be missing:
            /// the test <see cref="ReportSkipped"/> starts with, asked before calling it, as nearly every placement finds none.
            /// </summary>
            public bool MaySkip(int until) => Node.NextMandatory[Counts[Index] > 0 ? Index + 1 : Index] < until;

            public Frame Reset(X12Loop? tree, DocumentNode? document)
            {
                Tree = tree;
                Document = document;
                if (_count > 0) LastCount = _count;
                _count = 0;
                // Only what the last instance can have set is cleared: a loop of an 856 opens once per HL and has 40
                // children, of which an instance reaches a few. Counts grow only at Index (which never goes back) and
                // Reported only up to the last mandatory child.
                Counts.AsSpan(0, Index + 1).Clear();
                Reported.AsSpan(0, Node.LastMandatory + 1).Clear();
                Index = 0;
                return this;
            }

            /// <summary>The frames of this frame's inner loops, by child index, made when first opened and then reused.</summary>
            private Frame?[]? _inner;

            /// <summary>The frame for child <paramref name="index"/>, the loop <paramref name="loop"/>: reused across its instances.</summary>
            public Frame Inner(int index, LoopNode loop)
            {
                _inner ??= new Frame?[Node.Children.Length];
                return _inner[index] ??= new Frame(loop, isRoot: false, _tables);
            }

            /// <summary>Adds the segment's node to the document node, if one is built.</summary>
            public void AddSegment(X12Segment segment)
            {
                if (Document is null) return;
                Document.Add(X12DocumentTree.SegmentNode(segment));
                _count++;
            }

            /// <summary>Adds the node of an inner loop's instance (sized as the loop's last instance) and returns it.</summary>
            public DocumentNode AddLoop(Frame inner, Stack<DocumentNode> spares)
            {
                _count++;
                if (!spares.TryPop(out var node)) node = new DocumentNode(inner.Node.NodeName, null, default, inner.Counted);
                else node.Reuse(inner.Node.NodeName, default);
                return Document!.Add(node);
            }
        }

        /// <summary>The root frame of each spec walked, reused by the next set of that spec.</summary>
        private readonly Dictionary<LoopNode, Frame> _spare = new(ReferenceEqualityComparer.Instance);

        // Opens child `index` of parent's, an inner loop; its document node, when a document is built, goes into the parent's.
        private Frame Open(int index, LoopNode loop, X12Loop? instance, Frame parent)
        {
            var frame = parent.Inner(index, loop);
            return frame.Reset(instance, parent.Document is null ? null : parent.AddLoop(frame, _spareBranches));
        }

        /// <summary>Loop nodes of trees no longer read (<see cref="Recycle"/>), for the loops of later sets.</summary>
        private readonly Stack<DocumentNode> _spareBranches = new();

        /// <summary>Takes the loop nodes of <paramref name="document"/>, a tree no longer read, for the loops of later sets.</summary>
        public void Recycle(DocumentNode document) => document.CollectBranches(_spareBranches);
    }
}

/// <summary>
/// What the validator looks up per segment, for one spec: each segment id it knows (of its dictionary or structure)
/// numbered, and the plan of each number, so that a segment's id is hashed once however deep its loop is.
/// </summary>
internal sealed class SpecTables
{
    public SpecTables(TransactionSetSpec spec)
    {
        Spec = spec;
        foreach (var id in spec.Segments.Keys.Concat(spec.SegmentIds)) Ids.TryAdd(id, Ids.Count);
        Plans = new SegmentPlan?[Ids.Count];
        foreach (var (id, definition) in spec.Segments) Plans[Ids[id]] = new SegmentPlan(definition);
    }

    public TransactionSetSpec Spec { get; }

    /// <summary>Segment id to its number.</summary>
    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>The plan of each numbered id, or null for an id of the structure the dictionary lacks.</summary>
    public SegmentPlan?[] Plans { get; }

    /// <summary>For each id's process-wide number (<see cref="X12Segment.IdNumber"/>), its number here, -1 or <see cref="Unseen"/>.</summary>
    private int[] _byNumber = [];

    private const int Unseen = int.MinValue;

    /// <summary>The number of the segment's id here, or -1 when these tables do not know it; hashed only the first time.</summary>
    public int IndexOf(X12Segment segment)
    {
        var number = segment.IdNumber;
        if ((uint)number < (uint)_byNumber.Length && _byNumber[number] is var index and not Unseen) return index;
        return Learn(segment.Id, number);
    }

    private int Learn(string id, int number)
    {
        var index = Ids.GetValueOrDefault(id, -1);
        if (number < 0) return index;
        if (number >= _byNumber.Length)
        {
            var known = _byNumber.Length;
            Array.Resize(ref _byNumber, Math.Max(number + 1, Math.Max(known * 2, 64)));
            _byNumber.AsSpan(known).Fill(Unseen);
        }
        _byNumber[number] = index;
        return index;
    }

    /// <summary>A map by segment id as an array by the ids' numbers.</summary>
    public T?[] ByIndex<T>(Dictionary<string, T> byId) where T : class
    {
        var byIndex = new T?[Ids.Count];
        foreach (var (id, value) in byId) byIndex[Ids[id]] = value;
        return byIndex;
    }
}
