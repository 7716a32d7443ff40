// The per-node part of a render: which node is rendering, in which mode, and what its code
// asked for (refs, sources, config() calls, macros it called directly).
import Foundation
import FlowcTemplate

public final class NodeState {
    public var node: Node
    public let mode: RenderMode
    public var refs: [RefCall] = []
    public var sources: [[String]] = []
    /// The node's config as known so far (at parse time, config() calls merge in as they run).
    public var config: JSONObject
    /// What config() set during a parse-time render, in call order.
    public var configCalls = JSONObject()
    public var macrosCalled: [String] = []
    private var macroSeen: Set<String> = []
    var macroDepth = 0
    public var resolver: (any RelationResolver)?
    public var isIncremental = false
    /// Offline compile of an incremental model that the warehouse may already hold: whether
    /// is_incremental() is true depends on the table, so the call asks the warehouse (dbt's
    /// compile connects for it) instead of answering false.
    public var incrementalAsksWarehouse = false
    /// The warehouse at run time (nil when compiling offline).
    public var live: (any LiveWarehouse)?
    /// Set when the render stopped because it needed `live` and had none (offline compile), so
    /// `flowc compile` knows to compile the node again over a connection.
    public var neededWarehouse = false
    /// `{% call statement('name') %}` results, for load_result('name').
    public var statementResults: [String: Value] = [:]
    /// The last error the warehouse gave a template's statement (a template error carries it as text).
    public var databaseError: Error?
    public var warnings: [String] = []
    /// `thread_id`: the Python thread name dbt renders on: `MainThread` while parsing, a
    /// worker's (`Thread-1 (worker)`) while compiling and running nodes.
    public var threadId = "MainThread"
    /// Where `exceptions.warn(msg)` goes while compiling and running (a warning line, or under
    /// --warn-error the node's error). Nil: collected in `warnings`, which parsing reports.
    public var warn: ((String) throws -> Void)?
    /// Where `log(msg, info=True)` and `print(msg)` go at run time, with whether it was print()
    /// (`--quiet` hides log lines, not prints, as in dbt). Nil: nowhere, as when compiling, so
    /// parse-time logging does not repeat once per render.
    public var messages: ((_ text: String, _ isPrint: Bool) -> Void)?
    /// Extra variables for this render (e.g. `_dbt_generic_test_kwargs` for generic tests).
    public var extraContext: [String: Value] = [:]
    /// Context variables the node's macros see too (on-run-end's `results`, `schemas`,
    /// `database_schemas`), as dbt's macros see their caller's context.
    public var contextGlobals: [String: Value] = [:]
    /// Names `context.update()` set during the render, with what they were before (nil: unset),
    /// restored when the render ends.
    var contextUpdates: [String: Value?] = [:]
    /// How many renders of this node are under way (a hook's render runs inside the node's).
    var renderDepth = 0
    /// Package namespace entries `pkg.update()` replaced, with what they were, restored with
    /// `contextUpdates`.
    var namespaceRestores: [(namespace: PackageNamespace, name: String, old: Value?)] = []
    /// A unit test's render of its model: `overrides.vars` over every other var,
    /// `overrides.env_vars` over the environment, and what `{{ this }}` is (dbt's unit-test
    /// context: the `this` fixture's CTE name as a plain string, else None).
    public var varOverrides = JSONObject()
    public var envOverrides: [String: String] = [:]
    public var thisValue: Value?
    /// Relations read all their rows even under `--empty` (a unit test's fixtures are its data).
    public var readsAllRows = false
    /// A microbatch model's batch, UTC `YYYY-MM-DD HH:MM:SS` bounds: refs and sources with an
    /// `event_time` config read only the rows in [start, end), as dbt filters them.
    public var eventTimeWindow: (start: String, end: String)?
    /// The batch a microbatch model is compiled for, as dbt's `model.batch`.
    public var batch: MicrobatchBatch?
    /// The parse-time render of a node's own code, as dbt's parser renders it: a missing var is
    /// None and an undefined macro can be called, so only compiling the node fails on them and
    /// a var that some jobs do not pass breaks only the jobs that build the node. (Values in
    /// properties files are rendered strictly, as dbt's schema-file context does.)
    public var capturesLeniently = false
    /// dbt's ParseConfigObject: while a node's own code renders at parse time, config.get()
    /// and config.require() answer "" whatever is set (a package's ref override that branches
    /// on config.get('tags') takes its plain path then, as in dbt).
    public var configReadsEmpty = false
    /// A model's enforced contract at run time: dbt's create_table_as then creates the table
    /// with its columns and constraints and inserts the rows; its contract macros read it.
    public var contract: ContractDDL?
    /// A parse-time render of a node's own code whose text compiling may reuse records its
    /// ref()/source() calls (ParseRenderReuse.swift) and notes anything that would make a
    /// compile-time render differ.
    var recordsOutputSlots = false
    var outputSlots: [OutputSlot] = []
    var printedSlots = 0
    public internal(set) var modeDependent = false

    public init(node: Node, mode: RenderMode) {
        self.node = node
        self.mode = mode
        self.config = node.config
    }

    func noteMacro(_ uniqueId: String) {
        if macroSeen.insert(uniqueId).inserted { macrosCalled.append(uniqueId) }
    }

    /// Every ref() call, repeats included, as dbt's manifest lists them (sources it lists once).
    func noteRef(_ call: RefCall) {
        refs.append(call)
    }

    func noteSource(_ pair: [String]) {
        if !sources.contains(pair) { sources.append(pair) }
    }
}

/// dbt's BatchContext: a microbatch batch's id (its start as `2024`, `2024-09`, `2024-09-17` or
/// `2024-09-17T16` without dashes) and its bounds.
public struct MicrobatchBatch: Sendable {
    public var id: String
    public var start: Date
    public var end: Date
    public init(id: String, start: Date, end: Date) {
        self.id = id
        self.start = start
        self.end = end
    }
}
